import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reasonFor, statusFor } from '../../../lambda/domain/triage/decision';
import { CLASSIFIER_UNAVAILABLE, runClassifier } from '../../../lambda/domain/triage/run-classifier';
import type { Classifier, ClassifierInput, Verdict } from '../../../lambda/ports/classifier';

const input: ClassifierInput = { text: 'hello', author: 'A', url: null, articleId: 'a' };
const classifier = (classify: Classifier['classify']): Classifier => ({ kind: 'toxicity', provider: 'comprehend', classify });
const verdict: Verdict = { score: 0.93, signal: 'insult', provider: 'comprehend' };

describe('runClassifier', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes a good verdict through', async () => {
    await expect(
      runClassifier(
        classifier(async () => verdict),
        input,
      ),
    ).resolves.toEqual({ ok: true, verdict });
  });

  it('turns a provider that hangs into "classifier unavailable" at the limit, and aborts it', async () => {
    let seen: AbortSignal | undefined;
    const hanging = classifier((_, signal) => {
      seen = signal;
      return new Promise(() => {});
    });
    const outcome = runClassifier(hanging, input, { timeLimitMs: 800 });
    await vi.advanceTimersByTimeAsync(799);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ ok: false, message: CLASSIFIER_UNAVAILABLE, cause: 'timeout after 800 ms' });
    expect(seen?.aborted).toBe(true);
  });

  it('uses 800 ms when no limit is given', async () => {
    const outcome = runClassifier(
      classifier(() => new Promise(() => {})),
      input,
    );
    await vi.advanceTimersByTimeAsync(800);
    await expect(outcome).resolves.toMatchObject({ ok: false, cause: 'timeout after 800 ms' });
  });

  it('turns an error into "classifier unavailable" and keeps its name for the logs', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const outcome = await runClassifier(
      classifier(async () => {
        throw throttled;
      }),
      input,
    );
    expect(outcome).toEqual({ ok: false, message: CLASSIFIER_UNAVAILABLE, cause: 'error: ThrottlingException: Rate exceeded' });
    expect(statusFor('toxicity', outcome)).toBe('pending');
    expect(reasonFor('toxicity', outcome)).toEqual({ rule: 'toxicity', message: 'classifier unavailable' });
  });

  it('refuses a verdict whose score is outside 0..1', async () => {
    const outcome = await runClassifier(
      classifier(async () => ({ ...verdict, score: 1.7 })),
      input,
    );
    expect(outcome).toMatchObject({ ok: false, message: CLASSIFIER_UNAVAILABLE });
  });

  it("stops when the caller's own signal aborts", async () => {
    const caller = new AbortController();
    const outcome = runClassifier(
      classifier(() => new Promise(() => {})),
      input,
      { signal: caller.signal },
    );
    caller.abort(new Error('lambda out of time'));
    await expect(outcome).resolves.toMatchObject({ ok: false, cause: 'error: lambda out of time' });
  });
});

describe('statusFor', () => {
  const at = (score: number) => ({ ok: true as const, verdict: { ...verdict, score } });
  it('holds at holdAt and above, rejectAt included (no score removes), lets lower scores through', () => {
    expect(statusFor('toxicity', at(0.9))).toBe('pending');
    expect(statusFor('toxicity', at(1))).toBe('pending');
    expect(statusFor('toxicity', at(0.5))).toBe('pending');
    expect(statusFor('toxicity', at(0.49))).toBeNull();
    expect(statusFor('toxicity', at(0.7), { holdAt: 0.8, rejectAt: 0.95 })).toBeNull();
  });
  it('holds a spam verdict at 0.5 and above, never marks spam', () => {
    expect(statusFor('spam', at(0.5))).toBe('pending');
    expect(statusFor('spam', at(1))).toBe('pending');
    expect(statusFor('spam', at(0.2))).toBeNull();
  });
});
