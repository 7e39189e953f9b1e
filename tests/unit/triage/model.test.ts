import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TriageText } from '../../../lambda/domain/triage/learning';
import { decodeHead, encodeHead } from '../../../lambda/domain/triage/model/codec';
import { SHIPPED_WEIGHTS } from '../../../lambda/domain/triage/model/weights.generated';
import { packWeights, sha256Hex, unpackWeights } from '../../../lambda/domain/triage/model/weights-file';
import { extractFeatures, featureNames, SHIPPED_BITS } from '../../../lambda/domain/triage/model/features';
import { logits, probabilities, topSignals } from '../../../lambda/domain/triage/model/linear';
import { shippedModel } from '../../../lambda/domain/triage/model/shipped';
import { corpusAuc } from '../../../scripts/triage/corpus';

const committed = JSON.parse(readFileSync(join(__dirname, '../../../lambda/domain/triage/model/model-figures.json'), 'utf8')) as {
  corpus: { int8: { remove: number; spam: number } };
};

describe('features', () => {
  it('are sorted, unique and inside the hash space', () => {
    const x = extractFeatures({
      text: 'Buy cheap pills at https://pills.example/now!!!! Call +1 555 123 4567 today',
      url: 'https://a.example.ru',
    });
    expect(x.indices.length).toBe(x.values.length);
    for (let i = 0; i < x.indices.length; i++) {
      expect(x.indices[i]).toBeLessThan(2 ** SHIPPED_BITS);
      if (i > 0) expect(x.indices[i]).toBeGreaterThan(x.indices[i - 1]!);
    }
  });

  it('read only the website’s presence and top-level domain, never the rest of the address', () => {
    const text = 'Thanks for the article.';
    const a = extractFeatures({ text, url: 'https://jane-doe-personal.example.org/about' });
    const b = extractFeatures({ text, url: 'http://someone-else.org' });
    const none = extractFeatures({ text });
    expect(a).toEqual(b);
    expect(a).not.toEqual(none);
    expect([...featureNames({ text, url: 'https://jane-doe-personal.example.org' }).values()].join('\n')).not.toMatch(/jane|doe/);
  });

  it('ignore a name or email even when a caller passes them along', () => {
    const text = 'Interesting point about the budget.';
    const withPersonalData = { text, author: 'Jane Doe', email: 'jane@example.org', ip: '192.0.2.1' } as TriageText;
    expect(extractFeatures(withPersonalData)).toEqual(extractFeatures({ text }));
  });

  it('tell a first comment from an author with a record', () => {
    const text = 'I agree with the previous comment.';
    const first = featureNames({ text });
    const regular = featureNames({ text, record: { approved: 7, rejected: 0, spam: 0 } });
    expect([...first.values()]).toContain('first comment');
    expect([...regular.values()]).toContain('approved before 5-19');
    expect([...regular.values()]).toContain('rejected before 0');
    expect([...regular.values()]).not.toContain('first comment');
  });

  it('survive spacing and case tricks: the same words give mostly the same features', () => {
    const a = new Set(extractFeatures({ text: 'you are an idiot' }).indices);
    const b = extractFeatures({ text: 'YOU   are an\u200b idiot' }).indices;
    expect(b.filter((i) => a.has(i)).length / b.length).toBeGreaterThan(0.8);
  });

  it('name every feature they produce', () => {
    const input = { text: 'Great post!!!! visit www.cheap.example/x', url: 'https://x.example.com' };
    const names = featureNames(input);
    for (const i of extractFeatures(input).indices) expect(names.has(i)).toBe(true);
  });
});

describe('the shipped model', () => {
  const model = shippedModel();

  it('is decoded once and cached', () => {
    expect(shippedModel()).toBe(model);
    expect(model.remove.weights.length).toBe(2 ** SHIPPED_BITS);
    expect(model.trainedOn).toMatch(/\(\d+\)/);
  });

  it('explains a score exactly: the contributions of all features plus the bias are the log-odds', () => {
    const input = { text: 'You are a complete idiot, go away' };
    const x = extractFeatures(input);
    const signals = topSignals(model, input, x, Number.POSITIVE_INFINITY);
    const z = logits(model, x);
    for (const head of ['remove', 'spam'] as const) {
      const sum = signals.filter((s) => s.head === head).reduce((total, s) => total + s.weight, model[head].bias);
      expect(sum).toBeCloseTo(z[head], 4);
    }
    const top = topSignals(model, input, x, 3);
    expect(top).toHaveLength(3);
    expect(Math.abs(top[0]!.weight)).toBeGreaterThanOrEqual(Math.abs(top[2]!.weight));
  });

  it('gives probabilities', () => {
    const p = probabilities(model, extractFeatures({ text: 'Thanks for the clear explanation.' }));
    for (const v of [p.remove, p.spam]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('ranks the project’s own labelled comments no worse than its committed figure (by more than 0.02)', () => {
    const auc = corpusAuc(model);
    expect(auc.remove).toBeGreaterThanOrEqual(committed.corpus.int8.remove - 0.02);
    expect(auc.spam).toBeGreaterThanOrEqual(committed.corpus.int8.spam - 0.02);
  });
});

describe('weights on disk', () => {
  it('round to within half a step of the scale, clipping only the largest few', () => {
    const weights = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * (i === 7 ? 50 : 1));
    const encoded = encodeHead({ weights, bias: 0.25 }, 0.99);
    const decoded = decodeHead(encoded);
    expect(decoded.bias).toBe(0.25);
    let clipped = 0;
    for (let i = 0; i < weights.length; i++) {
      if (Math.abs(weights[i]!) > 127 * encoded.scale) clipped++;
      else expect(Math.abs(decoded.weights[i]! - weights[i]!)).toBeLessThanOrEqual(encoded.scale / 2 + 1e-6);
    }
    expect(clipped).toBeLessThanOrEqual(11);
  });

  it('pack into one file that unpacks to the same heads, and refuse a file from another training', () => {
    const head = (seed: number) => encodeHead({ weights: Float32Array.from({ length: 16 }, (_, i) => Math.sin(i * seed)), bias: seed });
    const model = { remove: head(1), spam: head(2) };
    const file = packWeights(model);
    const meta = { bits: 4, trainedOn: 'test', sha256: sha256Hex(file), remove: model.remove, spam: model.spam };
    const unpacked = unpackWeights(file, meta);
    expect(Array.from(unpacked.remove.bytes)).toEqual(Array.from(model.remove.bytes));
    expect(Array.from(unpacked.spam.bytes)).toEqual(Array.from(model.spam.bytes));
    const other = Buffer.from(file);
    other[3] = (other[3]! + 1) % 128;
    expect(() => unpackWeights(other, meta)).toThrow(/not the file this model's metadata was trained with/);
    expect(() => unpackWeights(file.subarray(0, 16), meta)).toThrow(/not the file/);
  });

  it('ship a weights file that matches the committed metadata', () => {
    expect(() => shippedModel()).not.toThrow();
    expect(shippedModel().remove.weights.length).toBe(2 ** SHIPPED_WEIGHTS.bits);
  });
});
