import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinSpam, builtinToxicity, loadBuiltin } from '../../../lambda/domain/triage/builtin';
import { holdsAt, reasonFor } from '../../../lambda/domain/triage/decision';
import type { ClassifierInput } from '../../../lambda/domain/ports/classifier';

type Builtin = Awaited<ReturnType<typeof loadBuiltin>>;
let builtin: Builtin;
beforeAll(async () => {
  builtin = await loadBuiltin();
});

const toxicity = (text: string) => builtin.toxicity(text);
const spam = (text: string, author = 'Reader', url: string | null = null) => builtin.spam({ text, author, url });

describe('builtin toxicity: news vocabulary is not abuse', () => {
  it.each([
    'The strike killed twelve people, including three children.',
    'He is a war criminal and should stand trial in The Hague.',
    'A bomb went off near the station this morning.',
    'Dick Cheney said almost the same thing in 2003.',
    'Scunthorpe steelworkers were interviewed about energy prices.',
    'The assassination attempt on the mayor was never investigated.',
    'Witnesses said soldiers were ordered to shoot anyone who left their homes.',
    'Reports of rape used as a weapon of war must be investigated.',
    'Same-sex couples were among the refugees.',
    'The victims did not deserve to die.',
    'We will beat them at the polls next year.',
    'This government is incompetent and should resign.',
    'Damn, what a mess. Bloody hell.',
    'This looks like a stupid policy, and it sounds like a costly one.',
    'King Cnut could not hold back the tide either.',
  ])('%s', (text) => {
    expect(toxicity(text).score).toBeLessThan(0.5);
  });
});

describe('builtin toxicity: abuse aimed at people', () => {
  it.each([
    ['You are an idiot if you believe a word he says.', 'insult'],
    ['The author is a clown and this paper should be ashamed.', 'insult'],
    ['I know where you live, journalist. Watch your back.', 'threat'],
    ['Someone should shoot him before he does more damage.', 'threat'],
    ['I hope you die slowly.', 'threat'],
    ['Fuck off with your peace plans.', 'insult'],
    ['The guy in the photo looks like a brain-dead potato.', 'insult'],
    ['Only an utter fool would trust him, and you clearly are one.', 'insult'],
  ])('rejects %s as %s', (text, signal) => {
    const verdict = toxicity(text);
    expect(verdict.score).toBeGreaterThanOrEqual(0.9);
    expect(verdict.signal).toBe(signal);
  });

  it.each([
    ['spacing', 'F u c k this summit.'],
    ['leetspeak', 'Sh1t article.'],
    ['repeated letters', 'Fuuuuuck this.'],
    ['look-alike letters', 'What a load of ｂｕｌｌｓｈｉｔ.'],
    ['starred letters', 'Putin is a c*nt.'],
    ['dots', 's.h.i.t reporting'],
    ['swapped letters', 'Cnuts, the lot of them.'],
  ])('holds profanity hidden by %s', (_, text) => {
    const verdict = toxicity(text);
    expect(verdict.score).toBeGreaterThanOrEqual(0.5);
    expect(verdict.signal).toBe('profanity');
  });

  it('sees insults through leetspeak and spacing', () => {
    expect(toxicity('You absolute m0r0n').signal).toBe('insult');
    expect(toxicity('i d i o t s, all of you').score).toBeGreaterThanOrEqual(0.5);
  });
});

describe('builtin spam', () => {
  it.each([
    ['link farm', 'Best prices: http://a.example/1 http://b.example/2 http://c.example/3'],
    ['contact harvesting', 'I lost $80,000 until a recovery expert helped. Contact him via WhatsApp +1 (415) 555-0199.'],
    ['spam vocabulary', 'Buy viagra online no prescription, cheap cialis, order now!'],
    ['repeated characters', 'BUYBUYBUYBUYBUYBUYBUYBUYBUYBUY'],
    ['pasted boilerplate', 'Great post! I have bookmarked your website. Keep up the good work!'],
  ])('finds %s', (signal, text) => {
    const verdict = spam(text);
    expect(verdict.score).toBeGreaterThanOrEqual(0.5);
    expect(verdict.signal).toBe(signal);
  });

  it('reads an advert for a name, with a website, as spam', () => {
    expect(spam('I agree with the article.', 'Buy Cheap Rolex Replica Watches', 'https://replica.example').signal).toBe('keyword name');
    expect(spam('I agree with the article.', 'Olena', 'https://olena.example').score).toBeLessThan(0.5);
  });

  it('lets a reader cite one source or thank the writer', () => {
    expect(spam('For context, the UN report is here: https://www.ohchr.org/en/countries/ukraine').score).toBeLessThan(0.5);
    expect(spam('Great article, thanks for sharing.').score).toBeLessThan(0.5);
    expect(spam('Between 1914-1918 and 1939-1945 millions died.').score).toBeLessThan(0.5);
  });
});

describe('builtin on the labeled corpus', () => {
  const corpus = JSON.parse(readFileSync(join(__dirname, '../../fixtures/triage-corpus.json'), 'utf8')) as {
    comments: { label: string; text: string; author: string; url: string | null }[];
  };

  it('holds at least 300 labeled comments, of the three kinds the issue names', () => {
    expect(corpus.comments.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.comments.map((c) => c.label))).toEqual(new Set(['civil', 'abusive', 'spam']));
  });

  it('scores every comment between 0 and 1 and names a signal', () => {
    for (const c of corpus.comments) {
      for (const v of [builtin.spam(c), builtin.toxicity(c.text)]) {
        expect(v.score).toBeGreaterThanOrEqual(0);
        expect(v.score).toBeLessThanOrEqual(1);
        expect(v.signal).not.toBe('');
      }
    }
  });
});

describe('builtin classifiers through the port', () => {
  const input: ClassifierInput = { text: 'You are an idiot.', author: 'A', url: null, articleId: 'a' };

  it('answers as provider builtin, and the reason reads as the contract shows', async () => {
    const verdict = await builtinToxicity.classify(input, new AbortController().signal);
    expect(verdict.provider).toBe('builtin');
    const outcome = { ok: true as const, verdict };
    expect(holdsAt('toxicity', verdict.score, 0.5)).toBe(true);
    expect(reasonFor('toxicity', outcome)).toEqual({
      rule: 'toxicity',
      message: 'toxicity 0.92 (builtin): insult',
      score: 0.92,
      provider: 'builtin',
    });
    expect(holdsAt('spam', (await builtinSpam.classify(input, new AbortController().signal)).score, 0.5)).toBe(false);
  });

  it('does not classify once aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(builtinSpam.classify(input, controller.signal)).rejects.toThrow('gone');
  });
});
