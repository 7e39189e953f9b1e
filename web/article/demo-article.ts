/**
 * The story the demo page carries, so the page needs nothing outside this
 * repository. The account is the project's own, written from the reported
 * facts; the headline is the story's as it was published.
 */
import type { Article } from './article-page';

export const DEMO_ARTICLE_ID = 'putin-g20-negotiation-offer';

export const DEMO_ARTICLE: Article = {
  title: 'Putin turned down the negotiation offer during the G20 summit, reports Ukrainska Pravda',
  standfirst:
    'A proposal put to the Kremlin by mediating countries would have ended the war; Russia answered with missiles, the Ukrainian outlet says.',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Ukrainska Pravda reports that countries taking part in the peace negotiations between Russia and Ukraine, which it does not name, put a plan to Moscow: Russia would give back every part of Ukraine it occupies except Crimea. Crimea would stay under Russian occupation, frozen as it is, for seven years.',
    },
    {
      kind: 'paragraph',
      text: "For the same seven years Ukraine would set its move towards NATO aside, according to the outlet's source.",
    },
    { kind: 'related', title: 'What a frozen front line would mean for Ukraine' },
    {
      kind: 'paragraph',
      text: "Had Moscow accepted, it would have stopped striking Ukraine's power grid as a gesture of good will. It did not: at the close of the summit's first day Russia fired a large salvo of missiles at Ukraine's energy system and other critical infrastructure.",
    },
    {
      kind: 'paragraph',
      text: 'Asked about the talks, Kremlin spokesman Dmitriy Peskov denied the report with a single "No". On Ukrainian national television, Ihor Zhovka, deputy head of the presidential office, said the proposals had not reached him.',
    },
    { kind: 'related', title: 'The G20 summit in Indonesia, day by day' },
    {
      kind: 'paragraph',
      text: 'The G20 met in Indonesia on 15 and 16 November. Putin stayed away and sent his foreign minister, Sergey Lavrov, who left once the first day was over.',
    },
    {
      kind: 'paragraph',
      text: "On 15 November Russia launched close to 100 missiles and drones at targets all over Ukraine, most of them part of the country's energy supply.",
    },
    { kind: 'related', title: "Ukraine's power grid after the November strikes" },
    {
      kind: 'paragraph',
      text: "Ukraine's own position has not moved: on 4 October President Zelenskyy signed a decree ruling out direct talks with Putin's government, and his office said Kyiv would negotiate only with a different Russian president. On 26 October NATO Secretary General Jens Stoltenberg said that what Ukraine can win at the negotiating table depends on how strong it is on the battlefield.",
    },
    { kind: 'note', text: 'Based on reporting by Ukrainska Pravda, as carried by The New Voice of Ukraine.' },
  ],
};
