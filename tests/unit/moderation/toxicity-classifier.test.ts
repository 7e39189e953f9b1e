import { describe, expect, it } from 'vitest';
import { toxicityClassifier } from '../../../lambda/domain/moderation/toxicity-classifier';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { fakeSource } from './classifier-source';
import { context } from './context';

const withToxicity = (provider: 'builtin' | 'comprehend' | 'guardrails' | null, holdAt = 0.5, rejectAt = 0.9) => ({
  triage: { ...DEFAULT_SETTINGS.triage, toxicity: { provider, holdAt, rejectAt } },
});
const run = (score: number, holdAt?: number, rejectAt?: number) =>
  toxicityClassifier({
    ...context({ settings: withToxicity('comprehend', holdAt, rejectAt) }),
    classifiers: fakeSource({ comprehend: { score, signal: 'insult' } }).source,
  });

describe('toxicity classifier phase', () => {
  it('holds at holdAt and above (never rejects), notes below, each with score and provider', async () => {
    const reason = (score: number) => ({
      rule: 'toxicity',
      message: `toxicity ${score.toFixed(2)} (comprehend): insult`,
      score,
      provider: 'comprehend',
    });
    expect(await run(0.93)).toEqual({ hold: reason(0.93) });
    expect(await run(0.9)).toEqual({ hold: reason(0.9) });
    expect(await run(0.5)).toEqual({ hold: reason(0.5) });
    expect(await run(0.6)).toEqual({ hold: reason(0.6) });
    expect(await run(0.2)).toEqual({ note: reason(0.2) });
  });

  it('follows the site thresholds', async () => {
    expect(await run(0.6, 0.7, 0.8)).toMatchObject({ note: { score: 0.6 } });
    expect(await run(0.75, 0.7, 0.8)).toMatchObject({ hold: { score: 0.75 } });
    expect(await run(0.85, 0.7, 0.8)).toMatchObject({ hold: { score: 0.85 } });
  });

  it('holds with "classifier unavailable" when the provider hangs, within its limit', async () => {
    // The fake never settles: only the time limit ends the call.
    const outcome = await toxicityClassifier({
      ...context({ settings: withToxicity('guardrails') }),
      classifiers: fakeSource({ guardrails: 'hang' }, 40).source,
    });
    expect(outcome).toEqual({ hold: { rule: 'toxicity', message: 'classifier unavailable' } });
  });

  it('sends no personal data to a toxicity provider', async () => {
    const { source, sent } = fakeSource({ comprehend: { score: 0 } });
    await toxicityClassifier({
      ...context({ settings: withToxicity('comprehend') }),
      classifiers: source,
      subject: { articleId: 'a1', personal: { email: 'ann@example.com' } },
    });
    expect(sent[0]?.input).not.toHaveProperty('personal');
  });

  it('scores with builtin by default: an insult is held, news vocabulary passes', async () => {
    const insult = await toxicityClassifier(context({ submission: { comment: 'You are a pathetic idiot and a moron.' } }));
    expect(insult).toMatchObject({ hold: { rule: 'toxicity', provider: 'builtin' } });
    const news = await toxicityClassifier(context({ submission: { comment: 'The strike killed twelve people; he is a war criminal.' } }));
    expect(news).toMatchObject({ note: { rule: 'toxicity', provider: 'builtin' } });
  });

  it('does nothing when toxicity classification is off', async () => {
    expect(await toxicityClassifier(context({ settings: withToxicity(null) }))).toBeUndefined();
  });
});
