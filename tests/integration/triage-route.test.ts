/**
 * GET /api/admin/triage on the local runtime: moderators only, and the
 * figures of the counters and the model summary the learner left in the
 * table (seeded here through the learner's store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambda/adapters/dynamodb/client';
import { DynamoDbTriageStore } from '../../lambda/adapters/dynamodb/triage-store';
import type { TriageSummary } from '../../lambda/domain/triage/triage-summary';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { api, MODERATOR_TOKEN, startTestRuntime, USER_TOKEN } from '../support/runtime';

let runtime: LocalRuntime;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000).toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await startTestRuntime();
  const db = createDocumentClient(runtime.dynamodb.endpoint);
  const store = new DynamoDbTriageStore({ db, tables: { comments: runtime.tables.Comments!, private: runtime.tables.Private! } });
  const taught = { examples: { approved: 40, rejected: 8, spam: 12 }, byOrigin: { moderator: 50, audit: 4, reversal: 1, import: 5 } };
  await store.commit({
    model: { bytes: Uint8Array.from([1, 2, 3]), expected: null, taught },
    days: {
      [daysAgo(40)]: { autoPublished: 500 },
      [daysAgo(3)]: { autoPublished: 30, autoSpam: 6, audits: 4, queued: 10, auditAgreed: 3, auditReversed: 1 },
      [today]: { autoRejected: 2, queued: 8, reversals: 1, taughtRejected: 1, taughtReversal: 1 },
    },
  });
  db.destroy();
});
afterAll(() => runtime?.stop());

describe('GET /api/admin/triage', () => {
  it('answers moderators only', async () => {
    expect((await api(runtime, 'GET', '/admin/triage')).status).toBe(401);
    expect((await api(runtime, 'GET', '/admin/triage', { token: USER_TOKEN })).status).toBe(403);
  });

  it('gives the last 30 days: automated share, audits with their bound, examples taught, and a point per day', async () => {
    const { status, body } = await api<TriageSummary>(runtime, 'GET', '/admin/triage', { token: MODERATOR_TOKEN });
    expect(status).toBe(200);
    expect(body.to).toBe(today);
    expect(body.triaged).toBe(60);
    expect(body.automatic).toEqual({ published: 30, rejected: 2, spam: 6, total: 38, share: 38 / 60 });
    expect(body.audits).toMatchObject({ drawn: 4, decided: 4, agreed: 3, reversed: 1, error: { estimate: 0.25 } });
    expect(body.audits.error!.bound).toBeGreaterThan(0.25);
    expect(body.reversals).toBe(1);
    expect(body.taught).toMatchObject({ total: 1, byOrigin: { reversal: 1 } });
    expect(body.model).toMatchObject({ version: 1, examples: { approved: 40, rejected: 8, spam: 12 }, byOrigin: { import: 5 } });
    expect(body.series).toHaveLength(30);
    expect(body.series.at(-1)).toEqual({ day: today, automatic: 2, audits: 0, queued: 8, byRules: 0 });
    // The page never gets (or needs) the model's bytes.
    expect(Object.keys(body.model ?? {}).sort()).toEqual(['byOrigin', 'examples', 'savedAt', 'version']);
  });
});
