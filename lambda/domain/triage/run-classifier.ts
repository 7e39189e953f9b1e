/**
 * Runs one classifier under a time limit. A provider that fails, answers
 * nonsense or is slower than its limit never fails the post and never delays
 * it past the limit: the caller gets "classifier unavailable" and holds the
 * comment for a person.
 */
import type { Classifier, ClassifierInput, Verdict } from '../ports/classifier';

export const DEFAULT_TIME_LIMIT_MS = 800;
export const CLASSIFIER_UNAVAILABLE = 'classifier unavailable';

export type ClassifierOutcome =
  | { ok: true; verdict: Verdict }
  | {
      ok: false;
      message: typeof CLASSIFIER_UNAVAILABLE;
      /** For logs and metrics only (never shown to readers): "timeout after 800 ms", "error: ThrottlingException", ... */
      cause: string;
    };

export interface RunOptions {
  /** Milliseconds before the provider is abandoned; default 800. */
  timeLimitMs?: number;
  /** The caller's own cancellation (e.g. the Lambda running out of time). */
  signal?: AbortSignal;
}

class TimeLimitExceeded extends Error {
  constructor(readonly ms: number) {
    super(`timeout after ${ms} ms`);
  }
}

export async function runClassifier(classifier: Classifier, input: ClassifierInput, options: RunOptions = {}): Promise<ClassifierOutcome> {
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abortFromCaller, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing (not only aborting) means a provider that ignores the signal still cannot hold the post.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeLimitExceeded(limit);
      controller.abort(error);
      reject(error);
    }, limit);
  });
  const cancelled = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    if (options.signal?.aborted) abortFromCaller();
    const verdict = await Promise.race([classifier.classify(input, controller.signal), deadline, cancelled]);
    const problem = invalidVerdict(verdict);
    if (problem) return unavailable(`invalid verdict from ${classifier.provider}: ${problem}`);
    return { ok: true, verdict };
  } catch (error) {
    if (error instanceof TimeLimitExceeded) return unavailable(error.message);
    return unavailable(`error: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abortFromCaller);
    if (!controller.signal.aborted) controller.abort(new Error('classifier run finished'));
  }
}

function unavailable(cause: string): ClassifierOutcome {
  return { ok: false, message: CLASSIFIER_UNAVAILABLE, cause };
}

function invalidVerdict(verdict: unknown): string | null {
  if (typeof verdict !== 'object' || verdict === null) return 'not an object';
  const { score, signal } = verdict as Partial<Verdict>;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) return `score ${String(score)}`;
  if (typeof signal !== 'string') return 'no signal';
  return null;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return String(error);
}
