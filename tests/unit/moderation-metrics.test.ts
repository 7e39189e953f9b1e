/**
 * The desk's metrics: what the use cases report (submissions by outcome,
 * decisions by action, time to decision), how they reach CloudWatch as EMF
 * records, and the scheduled queue-age reading.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommentService } from '../../lambda/domain/comment-service';
import { KeyedHasher } from '../../lambda/domain/keyed-hash';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';
import { queueAgeHandler, queueAgeSeconds } from '../../lambda/handlers/queue-age';
import type { ModerationMetrics } from '../../lambda/domain/ports/moderation-metrics';
import { EmfModerationMetrics } from '../../lambda/wiring/observability';
import { memoryStore } from '../support/memory-store';

const T0 = Date.parse('2030-05-01T08:00:00.000Z');

function recorder() {
  const calls: Array<[string, ...unknown[]]> = [];
  const metrics: ModerationMetrics = {
    commentSubmitted: (outcome) => void calls.push(['submitted', outcome]),
    decisionMade: (action, waited) => void calls.push(['decision', action, waited]),
    reportReceived: () => void calls.push(['report']),
  };
  return { metrics, calls };
}

function setup() {
  let time = T0;
  const store = memoryStore();
  const { metrics, calls } = recorder();
  const service = new CommentService({ store, hasher: new KeyedHasher('0123456789abcdef0123'), now: () => new Date(time), metrics });
  let n = 0;
  const submit = (overrides: Record<string, string> = {}, idempotencyKey?: string) =>
    service.submit({
      articleId: 'a1',
      input: { comment: `Comment number ${++n}.`, author: 'Ann', email: `ann${n}@example.com`, ...overrides },
      clientIp: null,
      idempotencyKey,
    });
  return { store, service, calls, submit, advance: (seconds: number) => void (time += seconds * 1000) };
}

describe('submissions by outcome', () => {
  it('counts each stored comment once, with the status the rules gave it', async () => {
    const { store, calls, submit } = setup();
    await store.putSettings({ ...DEFAULT_SETTINGS, disallowedWords: ['casino'], floodSeconds: 0, version: 1 }, 0);
    await submit();
    await submit({ comment: 'Best casino bonus here.' });
    await store.putSettings({ ...DEFAULT_SETTINGS, premoderation: false, floodSeconds: 0, version: 2 }, 1);
    await submit();
    expect(calls).toEqual([
      ['submitted', 'pending'],
      ['submitted', 'spam'],
      ['submitted', 'approved'],
    ]);
  });

  it('does not count a refused post or a retry with the same Idempotency-Key', async () => {
    const { calls, submit } = setup();
    await submit({ comment: 'Once only.' }, 'retry-key-0001');
    await submit({ comment: 'Once only.' }, 'retry-key-0001');
    await expect(submit({ comment: '' })).rejects.toMatchObject({ code: 'ValidationError' });
    expect(calls).toEqual([['submitted', 'pending']]);
  });
});

describe('decisions by action', () => {
  it('times a pending comment from submission to decision, and later changes of mind not at all', async () => {
    const { service, calls, submit, advance } = setup();
    const { body } = await submit();
    calls.length = 0;
    advance(90);
    await service.moderate(body.id, 'approved', { actor: 'mod' });
    advance(30);
    await service.moderate(body.id, 'approved', { actor: 'mod' }); // already approved: no decision
    await service.moderate(body.id, 'rejected', { actor: 'mod' });
    await service.delete(body.id, { actor: 'mod' });
    expect(calls).toEqual([
      ['decision', 'approve', 90],
      ['decision', 'reject', null],
      ['decision', 'delete', null],
    ]);
  });

  it('counts spam and a deleted pending comment with their wait, and nothing for a refused action', async () => {
    const { service, calls, submit, advance } = setup();
    const first = (await submit()).body.id;
    const second = (await submit()).body.id;
    calls.length = 0;
    advance(3600);
    await service.moderate(first, 'spam', { actor: 'mod' });
    await expect(service.moderate(second, 'approved', { actor: 'mod', expectedVersion: 7 })).rejects.toMatchObject({
      code: 'VersionConflict',
    });
    await service.delete(second, { actor: 'mod' });
    expect(calls).toEqual([
      ['decision', 'spam', 3600],
      ['decision', 'delete', 3600],
    ]);
  });
});

describe("readers' reports", () => {
  it("counts each reader's first report on a comment, not a repeat or a refused one", async () => {
    const { store, service, calls, submit } = setup();
    await store.putSettings({ ...DEFAULT_SETTINGS, premoderation: false, floodSeconds: 0, version: 1 }, 0);
    const id = (await submit()).body.id;
    calls.length = 0;
    const report = (clientIp: string, reason = 'abuse') => service.report({ articleId: 'a1', commentId: id, input: { reason }, clientIp });
    expect(await report('198.51.100.1')).toBe('counted');
    expect(await report('198.51.100.1')).toBe('repeat');
    await expect(report('198.51.100.2', 'boring')).rejects.toMatchObject({ code: 'ValidationError' });
    expect(await report('198.51.100.3', 'spam')).toBe('counted');
    expect(calls).toEqual([['report'], ['report']]);
  });
});

describe('EMF records', () => {
  let lines: string[];
  beforeEach(() => {
    // Development mode writes EMF through the global console, which the test can read without touching stdout.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    lines = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const records = () => lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

  const definition = (record: Record<string, any>) => record._aws.CloudWatchMetrics[0];

  it("writes each metric at once with its own dimensions, not the request buffer's operation", () => {
    const sink = new Metrics({ namespace: 'CommentModeration', serviceName: 'comments' });
    sink.addDimension('operation', 'AdminApproveComment');
    const emf = new EmfModerationMetrics(sink);
    emf.commentSubmitted('spam');
    emf.decisionMade('approve', 42.5);
    emf.decisionMade('reject', null);
    emf.reportReceived();
    emf.oldestPendingAge(7200);

    const written = records();
    expect(written.map((r) => [definition(r).Metrics, definition(r).Dimensions])).toEqual([
      [[{ Name: 'CommentsSubmitted', Unit: 'Count' }], [['service', 'outcome']]],
      [[{ Name: 'ModerationDecisions', Unit: 'Count' }], [['service', 'action']]],
      [[{ Name: 'TimeToDecision', Unit: 'Seconds' }], [['service']]],
      [[{ Name: 'ModerationDecisions', Unit: 'Count' }], [['service', 'action']]],
      [[{ Name: 'ReportsReceived', Unit: 'Count' }], [['service']]],
      [[{ Name: 'OldestPendingAge', Unit: 'Seconds' }], [['service']]],
    ]);
    expect(written.every((r) => definition(r).Namespace === 'CommentModeration' && r.service === 'comments')).toBe(true);
    expect(
      written.map((r) => [
        r.outcome ?? r.action ?? null,
        r.CommentsSubmitted ?? r.ModerationDecisions ?? r.TimeToDecision ?? r.ReportsReceived ?? r.OldestPendingAge,
      ]),
    ).toEqual([
      ['spam', 1],
      ['approve', 1],
      [null, 42.5],
      ['reject', 1],
      [null, 1],
      [null, 7200],
    ]);
    expect(written.some((r) => 'operation' in r)).toBe(false);
  });
});

describe('the queue-age reading', () => {
  it('emits how long the oldest pending comment has waited, and 0 for an empty queue', async () => {
    const { store, service, submit, advance } = setup();
    const ages: number[] = [];
    const read = queueAgeHandler(
      () => store,
      { oldestPendingAge: (seconds) => void ages.push(seconds) },
      () => new Date(T0 + 7_200_500),
    );

    expect(await read()).toEqual({ oldestPendingAt: null, ageSeconds: 0 });
    const oldest = (await submit()).body.id;
    advance(600);
    await submit();
    expect(await read()).toEqual({ oldestPendingAt: new Date(T0).toISOString(), ageSeconds: 7200 });
    await service.moderate(oldest, 'approved', { actor: 'mod' });
    expect((await read()).ageSeconds).toBe(6600);
    expect(ages).toEqual([0, 7200, 6600]);
  });

  it('never reports a negative age when the clocks disagree a little', () => {
    expect(queueAgeSeconds('2030-05-01T08:00:01.000Z', new Date(T0))).toBe(0);
  });
});
