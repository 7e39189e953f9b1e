import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdsAt, reasonFor } from '../../../lambda/domain/triage/decision';
import { CLASSIFIER_UNAVAILABLE, runClassifier } from '../../../lambda/domain/triage/run-classifier';
import type { Classifier, ClassifierInput, Verdict } from '../../../lambda/domain/ports/classifier';

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

describe('holdsAt (pre-moderation off)', () => {
  it('holds toxicity at the site’s holdAt and above, and lets lower scores through', () => {
    expect(holdsAt('toxicity', 0.5, 0.5)).toBe(true);
    expect(holdsAt('toxicity', 1, 0.5)).toBe(true);
    expect(holdsAt('toxicity', 0.49, 0.5)).toBe(false);
    expect(holdsAt('toxicity', 0.7, 0.8)).toBe(false);
  });
  it('holds spam at 0.5, whatever the toxicity setting', () => {
    expect(holdsAt('spam', 0.5, 0.9)).toBe(true);
    expect(holdsAt('spam', 0.2, 0.1)).toBe(false);
  });
});
