/**
 * Premoderation "auto" through the local runtime on DynamoDB Local: a new
 * site decides nothing automatically; a site model whose decided comments
 * agree strongly publishes or rejects automatically and records the gate's
 * reason and what the learner needs; audits are queued with rule "audit";
 * holds win over automatic publishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import type { DecidedExample, DecisionLabel, TriageText } from '../../lambda/domain/triage/learning';
import { encodeSiteModel, newSiteModel, type SiteModel, scoreComment, teach } from '../../lambda/domain/triage/site';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, moderatorApi, startFloodFreeRuntime, validComment } from '../support/runtime';

let runtime: LocalRuntime;
let store: DynamoDbTriageStore;
const admin = moderatorApi(() => runtime);
const settings = async (patch: Record<string, unknown>) => {
  const response = await admin('PUT', '/settings', patch);
  expect(response.status, response.text).toBe(200);
};
const post = (comment: string) => api(runtime, 'POST', '/articles/automation/comments', { body: validComment({ comment }) });
const stored = async (id: string) => (await admin('GET', `/comments/${id}`)).body;

const TEACHING = Array.from({ length: 600 }, (_, i) => `Comment ${i} on the council budget and the bus routes, point ${i % 17}.`);
/** What the service gives the model for a new poster: the text, no website, no decided comments. */
const asPosted = (text: string): TriageText => ({ text, url: null, record: { approved: 0, rejected: 0, spam: 0 } });

/**
 * A site whose moderators made `label` 600 times on comments that scored as
 * `text` does under that same site: the evidence the gate needs to be sure.
 * (Teaching's weights do not depend on the recorded scores, so the model
 * learns the same either way; the second pass records the scores it gives.)
 */
function siteSureOf(text: string, label: DecisionLabel): SiteModel {
  const examples = (scores?: DecidedExample['scoresAtDecision']): DecidedExample[] =>
    TEACHING.map((t) => ({ input: asPosted(t), label, origin: 'moderator' as const, ...(scores ? { scoresAtDecision: scores } : {}) }));
  const learned = teach(newSiteModel(), examples());
  return teach(newSiteModel(), examples(scoreComment(learned, asPosted(text)).scores));
}

async function storeSite(site: SiteModel): Promise<void> {
  const current = await store.load();
  expect(await store.save(encodeSiteModel(site), current?.version ?? null)).toBe(true);
}

beforeAll(async () => {
  runtime = await startFloodFreeRuntime();
  store = new DynamoDbTriageStore({
    db: createDocumentClient(),
    tables: { comments: runtime.tables.Comments!, private: runtime.tables.Private! },
  });
  await settings({ premoderation: 'auto', maxLinks: 2 });
});

afterAll(async () => {
  await runtime?.stop();
});

describe('premoderation "auto"', () => {
  it('publishes nothing automatically on a new site: the comment waits with the gate’s reason and its scores', async () => {
    const response = await post('I think the council got the bus routes right this time.');
    expect(response.status).toBe(202);
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('pending');
    expect(comment.reasons[0]).toMatchObject({ rule: 'gate', message: expect.stringMatching(/^pending: /) });
    expect(comment.reasons.slice(1)).toEqual([
      expect.objectContaining({ rule: 'spam', provider: 'builtin', score: expect.any(Number) }),
      expect.objectContaining({ rule: 'toxicity', provider: 'builtin', score: expect.any(Number) }),
    ]);
    expect(comment.triage).toEqual({
      scores: { remove: expect.any(Number), spam: expect.any(Number) },
      auto: null,
      audit: false,
      record: { approved: 0, rejected: 0, spam: 0 },
    });
  });

  it('publishes automatically where the site’s decisions agree, recording the gate’s reason and that it was automatic', async () => {
    const text = 'The new bus route past the library saves me twenty minutes a day.';
    await storeSite(siteSureOf(text, 'approved'));
    await settings({ triage: { autoDecide: { audit: 0 } } });
    const response = await post(text);
    expect(response.status).toBe(201);
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('approved');
    expect(comment.reasons[0]).toEqual({
      rule: 'gate',
      message: expect.stringMatching(/^published: (remove|spam) 0\.\d+ \(≤ 0\.\d+ error over 600 decisions\)$/),
      score: expect.any(Number),
    });
    expect(comment.triage).toMatchObject({ auto: 'published', audit: false });
    const history = (await admin('GET', `/comments/${response.body.id}/history`)).body.history;
    expect(history).toEqual([expect.objectContaining({ actor: 'system', to: 'approved', rule: 'gate' })]);
  });

  it('lets a hold win over automatic publishing, and records that no automatic decision was made', async () => {
    const text = 'Links: https://a.example/1 https://b.example/2 and the route map.';
    await storeSite(siteSureOf(text, 'approved'));
    const response = await post(text);
    expect(response.status).toBe(202);
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('pending');
    expect(comment.reasons.map((r: { rule: string }) => r.rule)).toEqual(['maxLinks', 'spam', 'toxicity']);
    expect(comment.triage).toMatchObject({ auto: null, audit: false });
  });

  it('rejects automatically where the site removed comments like it, answered like any held comment', async () => {
    const text = 'Comment 9999 on the council budget and the bus routes, point 3.';
    await storeSite(siteSureOf(text, 'rejected'));
    const response = await post(text);
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
    const comment = await stored(response.body.id);
    expect(comment.status).toBe('rejected');
    expect(comment.reasons[0]).toMatchObject({ rule: 'gate', message: expect.stringMatching(/^rejected: remove /) });
    expect(comment.triage).toMatchObject({ auto: 'rejected', audit: false });
  });

  it('queues audits of automatic decisions with rule "audit", for a person to check', async () => {
    const text = 'The new bus route past the library saves me twenty minutes a day.';
    await storeSite(siteSureOf(text, 'approved'));
    await settings({ triage: { autoDecide: { audit: 0.5 } } });
    const outcomes = [];
    // Half are drawn for audit: twenty posts leave each side with a chance of 2^-20 to be empty.
    for (let i = 0; i < 20; i++) {
      const response = await post(text.replace('twenty', `twenty (${i})`));
      outcomes.push(await stored(response.body.id));
    }
    const audited = outcomes.filter((c) => c.status === 'pending');
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.length).toBeLessThan(20);
    for (const comment of audited) {
      expect(comment.reasons[0]).toMatchObject({ rule: 'audit', message: expect.stringMatching(/^audit of published: /) });
      expect(comment.triage).toMatchObject({ auto: 'published', audit: true });
    }
    for (const comment of outcomes.filter((c) => c.status !== 'pending'))
      expect(comment.triage).toMatchObject({ auto: 'published', audit: false });
    await settings({ triage: { autoDecide: { audit: 0.02 } } });
  });
});

describe('premoderation true', () => {
  it('holds everything for a person, however sure the gate would be, and still records the scores', async () => {
    const text = 'The new bus route past the library saves me twenty minutes a day.';
    await storeSite(siteSureOf(text, 'approved'));
    await settings({ premoderation: true, triage: { autoDecide: { audit: 0 } } });
    try {
      const comment = await stored((await post(text)).body.id);
      expect(comment.status).toBe('pending');
      expect(comment.reasons[0]).toEqual({ rule: 'premoderation', message: 'every comment is held for review' });
      expect(comment.triage).toMatchObject({ auto: null, audit: false });
    } finally {
      await settings({ premoderation: 'auto' });
    }
  });
});
