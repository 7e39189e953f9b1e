import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DecidedExample, TriageText } from '../../../lambda/domain/triage/learning';
import {
  DEFAULT_AUTO_DECIDE,
  decodeSiteModel,
  describeSite,
  encodeSiteModel,
  gate,
  newSiteModel,
  scoreComment,
  seededRandom,
  teach,
} from '../../../lambda/domain/triage/site';

const insult: TriageText = { text: 'you are a worthless clown and everyone here knows it' };

function example(input: TriageText, label: DecidedExample['label'], origin: DecidedExample['origin'] = 'moderator'): DecidedExample {
  return { input, label, origin };
}

/** Comments of random made-up words, so nearly every one of the site's weights gets used. */
function manyExamples(count: number, seed: number): DecidedExample[] {
  const random = seededRandom(seed);
  const word = () =>
    Array.from({ length: 2 + Math.floor(random() * 6) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  return Array.from({ length: count }, (_, i) => {
    const text = Array.from({ length: 12 }, word).join(' ');
    const label = (['approved', 'rejected', 'spam'] as const)[i % 3]!;
    return example({ text, url: i % 5 === 0 ? `https://example${i}.org/page` : null }, label);
  });
}

describe('teaching the site model', () => {
  it('learns the site’s removals: a rejected comment’s words score higher afterwards, approved ones lower', () => {
    const before = scoreComment(newSiteModel(), insult).scores.remove;
    const rejected = teach(newSiteModel(), [example(insult, 'rejected')]);
    const approved = teach(newSiteModel(), [example(insult, 'approved')]);
    expect(scoreComment(rejected, insult).scores.remove).toBeGreaterThan(before);
    expect(scoreComment(approved, insult).scores.remove).toBeLessThan(before);
  });

  it('is pure: the model it was given is unchanged', () => {
    const site = teach(newSiteModel(), manyExamples(30, 1));
    const bytes = encodeSiteModel(site);
    teach(site, manyExamples(30, 2));
    expect(encodeSiteModel(site)).toEqual(bytes);
  });

  it('learns more from a moderator reversing an automatic decision than from a plain decision', () => {
    const kept: TriageText = { text: 'Kubitchek was right: the council wasted the budget on that stupid bridge' };
    const logOdds = (site: ReturnType<typeof newSiteModel>) => {
      const p = scoreComment(site, kept).scores.remove;
      return Math.log(p / (1 - p));
    };
    const before = logOdds(newSiteModel());
    const plain = logOdds(teach(newSiteModel(), [example(kept, 'approved', 'moderator')]));
    const reversal = logOdds(teach(newSiteModel(), [example(kept, 'approved', 'reversal')]));
    expect(plain).toBeLessThan(before);
    expect(before - reversal).toBeGreaterThan(2 * (before - plain));
  });

  it('counts examples by label and origin', () => {
    const site = teach(newSiteModel(), [
      example(insult, 'rejected', 'reversal'),
      example(insult, 'spam', 'import'),
      example(insult, 'approved'),
    ]);
    expect(describeSite(site)).toMatchObject({
      examples: { approved: 1, rejected: 1, spam: 1 },
      byOrigin: { moderator: 1, audit: 0, reversal: 1, import: 1 },
      taught: 3,
    });
  });

  it('keeps no personal data: the bytes hold neither the email nor the name in the comments', () => {
    const email = 'jane.kowalczyk@example.org';
    const name = 'Kowalczyk';
    const personal = [
      example({ text: `Write to me at ${email}, signed Jane ${name}`, url: `https://${name.toLowerCase()}.example.org/${email}` }, 'spam'),
      example({ text: `${name} is right about the council budget`, url: null }, 'approved'),
    ];
    const site = teach(newSiteModel(), [...personal, ...personal, ...personal]);
    const raw = inflateRawSync(encodeSiteModel(site)).toString('latin1').toLowerCase();
    for (const secret of [email, name, 'jane', 'kowalczyk']) expect(raw).not.toContain(secret.toLowerCase());
  });

  it('survives encoding: the decoded model scores, gates and describes the same, and fits well inside one item', () => {
    const site = teach(teach(newSiteModel(), manyExamples(600, 3)), manyExamples(600, 4));
    const used = site.remove.weights.filter((w) => w !== 0).length / site.remove.weights.length;
    expect(used).toBeGreaterThan(0.9);
    const bytes = encodeSiteModel(site);
    expect(bytes.length).toBeLessThanOrEqual(64 * 1024);
    const decoded = decodeSiteModel(bytes);
    for (const { input } of manyExamples(20, 5)) {
      const a = scoreComment(site, input);
      const b = scoreComment(decoded, input);
      expect(b.scores).toEqual(a.scores);
      expect(gate(decoded, b.scores, DEFAULT_AUTO_DECIDE, () => 1)).toEqual(gate(site, a.scores, DEFAULT_AUTO_DECIDE, () => 1));
    }
    expect(describeSite(decoded)).toEqual(describeSite(site));
  });

  it('refuses bytes that are not a site model', () => {
    expect(() => decodeSiteModel(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
