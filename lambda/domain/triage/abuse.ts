/**
 * Insults and threats aimed at people, found in text already passed through
 * `revealWords`. An insult word counts fully only when it is aimed at
 * someone ("you idiot", "the author is a moron", "idiots like you"); on its
 * own ("what idiots run this council") it is a weaker signal. Threats need a
 * speaker or a wish ("I will find you", "someone should shoot him", "hope
 * you die"), so reports ("the strike killed twelve people", "police shot a
 * man", "an assassination attempt") pass.
 */
import { INSULT_ADJECTIVES, INSULT_NOUNS, SECOND_PERSON_ADJECTIVES, STANDALONE_NOUNS } from './abuse-words';

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const FILLER =
  '(?:(?:a|an|such an?|the|total|complete|absolute|utter|real|bloody|fucking|so|too|very|really|just|clearly|obviously|truly|totally|completely|actually|seriously|this|that|beyond|quite|pretty|incredibly|smug|nothing but|another|one|little|old|pathetic|stupid|dumb|lying|ignorant|useless|worthless|clueless|spineless|deranged|vile|sad|miserable)\\s+){0,4}';
const PERSON =
  "(?:(?:the|this|that) (?:man|woman|guy|bloke|idiot|person|commenter above|poster above)|(?:these|those) (?:people|men|guys|idiots)|you|u|ya|you're|youre|ur|your (?:editor|author|writer|paper|mp|mayor|president|party|kind|lot)|the (?:author|writer|journalist|reporter|editor|columnist|mayor|minister|president|councillor|commenter|poster|op)|this (?:author|writer|journalist|reporter|editor|columnist|guy|man|woman|clown|hack|idiot)|he|she|they|him|her|them|people like you|anyone who|whoever|everyone who|all of you|the lot of you|@\\w+)";
const BE = "(?:is|are|'s|'re|r|was|were|be|sound like|look like|seem like|act like|must be|are just|is just)";

interface LazyPattern {
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}
/** Compiled on first use: building these Unicode-aware patterns at import would slow every cold start. */
function rx(source: string): LazyPattern {
  let compiled: RegExp | undefined;
  const get = () => (compiled ??= new RegExp(source, 'u'));
  return { exec: (text) => get().exec(text), test: (text) => get().test(text) };
}

const TARGETED_INSULT = [
  // "you idiot", "you absolute moron", "you stupid cow"
  rx(`${B}(?:you|u|ya)\\s+${FILLER}(?:${INSULT_NOUNS}|${INSULT_ADJECTIVES}\\s+\\w+)${E}`),
  // "you are an idiot", "the author is a clown", "he is pathetic", "she's so stupid"
  rx(`${B}${PERSON}\\s*${BE}\\s+${FILLER}(?:${INSULT_NOUNS}|${INSULT_ADJECTIVES})${E}`),
  // "idiots like you", "morons like him", "what an idiot this writer is"
  rx(`${B}(?:${INSULT_NOUNS})\\s+like\\s+(?:you|him|her|them|this|the author)${E}`),
  rx(
    `${B}what (?:an?\\s+)?${FILLER}(?:${INSULT_NOUNS})\\s+(?:you|(?:this|that|the) (?:author|writer|guy|man|woman|reporter|columnist|journalist|editor|person))${E}`,
  ),
  // A comparison: "looks like a brain-dead potato", "sounds like a moron" (not "looks like a stupid policy")
  rx(
    `${B}(?:looks?|sounds?|acts?|behaves?|talks?) like (?:an?\\s+)?${FILLER}(?:${INSULT_NOUNS}|(?:brain-?dead|brainless|moronic|idiotic|retarded|deranged|senile)\\s+\\w+)${E}`,
  ),
  // An insult handed to the reader afterwards: "only a fool would…, and you clearly are one"
  rx(`${B}(?:${INSULT_NOUNS})${E}.{0,80}${B}(?:you|u)\\s+(?:\\w+\\s+){0,2}(?:are|'re|r) one${E}`),
  // A vocative: "go cry somewhere else, loser."
  rx(`[,:;-]\\s*(?:you\\s+)?${FILLER}(?:${INSULT_NOUNS})\\s*(?:[.!?]|$)`),
  rx(`${B}(?:you|u)\\s*(?:are|'re|r)\\s+${FILLER}(?:${SECOND_PERSON_ADJECTIVES})${E}`),
  // "are you stupid?", "how dumb are you", "shut up", "nobody asked you"
  rx(`${B}(?:are you|r u)\\s+${FILLER}(?:${INSULT_ADJECTIVES}|${SECOND_PERSON_ADJECTIVES}|${INSULT_NOUNS})${E}`),
  rx(`${B}how (?:${INSULT_ADJECTIVES}) (?:are|can) you${E}`),
  rx(
    `${B}(?:shut (?:up|your (?:mouth|trap|face))|stfu|nobody asked you|go back to (?:where|your)|get lost|crawl back under|get a brain|grow a brain)${E}`,
  ),
];

const UNTARGETED_INSULT = rx(`${B}(?:${STANDALONE_NOUNS})${E}`);

const PROFANE =
  '(?:fuck\\w*|f\\*+k\\w*|fck\\w*|shit\\w*|bastards?|bitch\\w*|cunts?|twats?|wank\\w*|pricks?|dick\\w*|ass ?holes?|arse ?holes?|piece of (?:shit|crap|garbage|trash))';
const TARGETED_PROFANITY = [
  rx(`${B}(?:fuck|f\\*+k|fck|screw|sod|damn)\\s+(?:you|u|off|yourself|him|her|them|the author|this (?:author|writer|guy))${E}`),
  rx(`${B}(?:up yours|go f(?:\\*+|\\.+|-+)?\\s*(?:yourself|off)|kiss my (?:ass|arse)|eat (?:shit|dirt))${E}`),
  rx(`${B}(?:you|u|ya)\\s+${FILLER}${PROFANE}${E}`),
  rx(`${B}${PERSON}\\s*${BE}\\s+${FILLER}${PROFANE}${E}`),
];

const KILL =
  '(?:kill|murder|shoot|stab|hang|hurt|strangle|behead|lynch|rape|torture|execute|slit|hunt down|find and kill|beat up|smash your face|punch)';
const DIE =
  '(?:die|burn in hell|rot in hell|hang|be shot|be hanged|be hung|be killed|be executed|be lynched|be strung up|get cancer|get shot|get raped|get blown up|be blown up|get killed|be next)';
const TARGET =
  '(?:you|u|ya|him|her|them|the author|this (?:author|writer|reporter|journalist|guy|woman|man)|the lot of you|all of you|your (?:family|kids|children|wife|husband))';
const THREAT = [
  // "I will find you", "I'm going to hurt you", "we'll burn your house down"
  rx(
    `${B}(?:i|we|i'm|im|we're|someone|somebody|people)\\s*(?:will|'ll|ll|shall|am going to|are going to|gonna|'m gonna|would love to|want to|wanna|should|ought to|need to|must|could)\\s+(?:\\w+\\s+){0,2}${KILL}\\s+(?:\\w+\\s+){0,1}${TARGET}${E}`,
  ),
  rx(`${B}(?:break|smash|bash|punch|kick|cave)\\s+(?:in\\s+)?(?:your|his|her|their)\\s+(?:face|head|neck|legs?|teeth|jaw|skull)${E}`),
  rx(
    `${B}(?:i|we)\\s*(?:will|'ll|ll|am going to|are going to|gonna|'m gonna)\\s+(?:burn|torch|smash)\\s+(?:your|his|her|their)\\s+(?:house|home|car|office)${E}`,
  ),
  // "hope you die", "you deserve to be shot", "they should all be hanged"
  rx(`${B}(?:hope|wish|pray)\\s+(?:that\\s+)?${TARGET}\\s+(?:\\w+\\s+){0,1}${DIE}${E}`),
  rx(
    `${B}(?:${TARGET}|he|she|they)\\s+(?:all\\s+)?(?:deserves?|should|ought|need|needs|must)\\s+(?:all\\s+)?(?:to\\s+)?(?:be\\s+)?(?:${DIE}|shot|hanged|hung|killed|executed|lynched|strung up|put down)${E}`,
  ),
  rx(
    `${B}(?:i know where (?:you|u) live|watch your back|you(?:'re| are) (?:dead|next)|your days are numbered|(?:we|i)(?:'re| am| are) coming for (?:you|u)|kill yourself|kys|(?:we|i)(?:'ll| will|'m going to| am going to|'re going to| are going to| gonna) (?:find|hunt|track) (?:you|u)(?: down)?|you(?:'ll| will) end up (?:in a ditch|dead|in (?:a|the) (?:hospital|morgue|river|grave))|six feet under|put a bullet in|string (?:him|her|them|you) up|(?:someone|somebody) (?:should|needs to|ought to) (?:shoot|kill|hang|stab|take out|deal with|silence)|sleep with one eye open|find out where (?:you|u) live|deserves? a bullet|needs? a bullet|a bullet (?:in|to|through) (?:your|his|her|their|the) (?:head|skull|brain)|put (?:you|u|him|her|them|this \\w+) in the ground|you won't see it coming)${E}`,
  ),
];
// A wish for someone's violent death without a target the text names: held for a person, not rejected.
const CALL_FOR_VIOLENCE = rx(
  `${B}(?:should|deserve to|deserves to|ought to|need to|needs to|must)\\s+(?:all\\s+)?be\\s+(?:[\\w ]{0,40}?\\s+and\\s+)?(?:shot|hanged|hung|lynched|strung up|put down|executed|killed|gassed|burned alive|beaten)${E}`,
);
// Menace without a stated act: held for a person.
const MENACE = [
  rx(`${B}(?:you|u)(?:'ll| will) (?:regret|pay for) (?:this|it|that|writing|saying|posting)${E}`),
  rx(`${B}(?:keep (?:talking|writing|posting|it up)|carry on)\\b.{0,20}\\bsee what happens${E}`),
  rx(
    `${B}(?:hope|wish)\\s+(?:someone|somebody|they|a \\w+)\\s+(?:\\w+\\s+){0,2}(?:kills?|shoots?|bombs?|stabs?|runs? over|blows? up|drops? a bomb on|burns? down)\\s+(?:you|u|your|him|her|them|the author)${E}`,
  ),
];
const NEGATED = /\b(?:not|n't|never|no one|nobody)\s+(?:\w+\s+){0,2}$/u;

export interface AbuseHit {
  signal: 'threat' | 'insult';
  score: number;
}

/** The strongest abuse signal in `revealed` (the output of `revealWords`), or null. */
export function findAbuse(revealed: string): AbuseHit | null {
  const text = revealed.replace(/[’‘]/g, "'");
  if (THREAT.some((r) => matchesUnnegated(r, text))) return { signal: 'threat', score: 0.97 };
  if (matchesUnnegated(CALL_FOR_VIOLENCE, text) || MENACE.some((r) => matchesUnnegated(r, text))) return { signal: 'threat', score: 0.85 };
  if (TARGETED_PROFANITY.some((r) => r.test(text))) return { signal: 'insult', score: 0.95 };
  if (TARGETED_INSULT.some((r) => r.test(text))) return { signal: 'insult', score: 0.92 };
  if (UNTARGETED_INSULT.test(text)) return { signal: 'insult', score: 0.62 };
  return null;
}

function matchesUnnegated(regex: LazyPattern, text: string): boolean {
  const match = regex.exec(text);
  return match !== null && !NEGATED.test(text.slice(Math.max(0, match.index - 30), match.index));
}
