import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifierFor, classifierTimeLimitMs, feedbackFor } from '../../../lambda/adapters/classifiers/registry';
import { builtinSpam, builtinToxicity } from '../../../lambda/domain/triage/builtin';
import { runClassifier } from '../../../lambda/domain/triage/run-classifier';

const input = { text: 'An ordinary comment.', author: 'A', url: null, articleId: 'a' };

describe('classifier registry', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('gives builtin for both kinds and refuses a provider of the other kind', () => {
    expect(classifierFor('spam', 'builtin')).toBe(builtinSpam);
    expect(classifierFor('toxicity', 'builtin')).toBe(builtinToxicity);
    expect(() => classifierFor('spam', 'comprehend')).toThrow('comprehend is not a spam provider');
    expect(() => classifierFor('toxicity', 'akismet')).toThrow('akismet is not a toxicity provider');
  });

  it('names each cloud provider, and a misconfigured one is "classifier unavailable", not a crash', async () => {
    vi.stubEnv('GUARDRAIL_ID', '');
    vi.stubEnv('SITE_URL', '');
    const guardrails = classifierFor('toxicity', 'guardrails');
    expect(guardrails.provider).toBe('guardrails');
    await expect(runClassifier(guardrails, input)).resolves.toMatchObject({ ok: false, cause: expect.stringContaining('GUARDRAIL_ID') });
    await expect(runClassifier(classifierFor('spam', 'akismet'), input)).resolves.toMatchObject({
      ok: false,
      cause: expect.stringContaining('SITE_URL'),
    });
  });

  it('has feedback only for Akismet', () => {
    expect(feedbackFor('builtin')).toBeNull();
    expect(feedbackFor('comprehend')).toBeNull();
    expect(feedbackFor('akismet')).not.toBeNull();
  });

  it('reads the time limit from CLASSIFIER_TIME_LIMIT_MS, 800 ms otherwise', () => {
    expect(classifierTimeLimitMs()).toBe(800);
    vi.stubEnv('CLASSIFIER_TIME_LIMIT_MS', '1500');
    expect(classifierTimeLimitMs()).toBe(1500);
    vi.stubEnv('CLASSIFIER_TIME_LIMIT_MS', 'soon');
    expect(classifierTimeLimitMs()).toBe(800);
  });
});
