import { deflateRawSync, inflateRawSync } from 'node:zlib';
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
  SITE_BITS,
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
    expect(bytes.length).toBeLessThanOrEqual(300 * 1024);
    const decoded = decodeSiteModel(bytes);
    for (const { input } of manyExamples(20, 5)) {
      const a = scoreComment(site, input);
      const b = scoreComment(decoded, input);
      expect(b.scores).toEqual(a.scores);
      expect(gate(decoded, b.scores, DEFAULT_AUTO_DECIDE, () => 1)).toEqual(gate(site, a.scores, DEFAULT_AUTO_DECIDE, () => 1));
    }
    expect(describeSite(decoded)).toEqual(describeSite(site));
  });

  it('stays within 300 KB of the 400 KB item even when no byte repeats: every slot of both heads set to a different value', () => {
    const site = newSiteModel();
    const random = seededRandom(11);
    for (const head of [site.remove, site.spam]) {
      for (let i = 0; i < head.weights.length; i++) {
        head.weights[i] = (random() - 0.5) * 2 ** (random() * 24 - 16);
        head.squares[i] = random() * 1000;
      }
    }
    for (let t = 0; t < 12; t++)
      site.evidence[`published:provider-${t}+model`] = { counts: Array.from({ length: 64 * 3 }, () => random() * 10_000) };
    expect(site.remove.weights.length).toBe(2 ** SITE_BITS);
    expect(encodeSiteModel(site).length).toBeLessThanOrEqual(300 * 1024);
  });

  it('reads a model stored in the earlier smaller format and scores exactly as it did, with the full space to learn in', () => {
    const small = teach(newSiteModel(), manyExamples(300, 6));
    const bits = 12;
    const old = (w: Float32Array) => w.slice(0, 2 ** bits);
    // What a site stored before: 4,096 float32 weights and 16-bit step sizes per head.
    for (const head of [small.remove, small.spam]) {
      head.weights = old(head.weights);
      head.squares = old(head.squares);
    }
    const header = Buffer.from(
      JSON.stringify({
        format: 1,
        bits,
        bias: { remove: small.remove.bias, spam: small.spam.bias },
        biasSquares: { remove: small.remove.biasSquares, spam: small.spam.biasSquares },
        examples: small.examples,
        byOrigin: small.byOrigin,
        updates: small.updates,
        evidence: Object.fromEntries(Object.entries(small.evidence).map(([k, t]) => [k, t.counts])),
      }),
    );
    const raw = Buffer.alloc(8 + header.length + 2 * 2 ** bits * 6);
    raw.writeUInt32LE(0x54534d31, 0);
    raw.writeUInt32LE(header.length, 4);
    header.copy(raw, 8);
    let at = 8 + header.length;
    for (const head of [small.remove, small.spam]) {
      for (const w of head.weights) at = raw.writeFloatLE(w, at);
      for (const g of head.squares) at = raw.writeUInt16LE(g > 0 ? Math.round(Math.log2(Math.sqrt(g)) * 2048) + 32768 : 0, at);
    }
    const decoded = decodeSiteModel(new Uint8Array(deflateRawSync(raw)));
    expect(decoded.remove.weights.length).toBe(2 ** SITE_BITS);
    for (const { input } of manyExamples(20, 7)) expect(scoreComment(decoded, input).scores).toEqual(scoreComment(small, input).scores);
    expect(describeSite(decoded)).toEqual(describeSite(small));
  });

  it('refuses bytes that are not a site model', () => {
    expect(() => decodeSiteModel(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
