/**
 * The triage scores phase: the learned model scores the kinds set to
 * builtin, cloud providers the others (their answers go to the model as
 * provider scores); every score is a reason moderators see, and none removes.
 */
import { describe, expect, it } from 'vitest';
import { learnedTriage } from '../../../lambda/domain/moderation/learned-triage';
import type { PhaseContext } from '../../../lambda/domain/moderation/phase';
import { DEFAULT_SETTINGS, type TriageSettings } from '../../../lambda/domain/settings';
import { fakeSource } from './classifier-source';
import { context } from './context';
import { fakeTriage } from './fake-triage';

type Providers = { spam?: TriageSettings['spam']['provider']; toxicity?: TriageSettings['toxicity']['provider'] };
const triageSettings = ({ spam = 'builtin', toxicity = 'builtin' }: Providers = {}, sendPersonalData = false): TriageSettings => ({
  ...DEFAULT_SETTINGS.triage,
  spam: { provider: spam, sendPersonalData },
  toxicity: { ...DEFAULT_SETTINGS.triage.toxicity, provider: toxicity },
});
const withTriage = (overrides: Partial<PhaseContext> & { providers?: Providers; premoderation?: boolean | 'auto' } = {}): PhaseContext => {
  const { providers, premoderation = true, ...rest } = overrides;
  const base = context({ settings: { premoderation, triage: triageSettings(providers) } });
  return { ...base, learnedTriage: fakeTriage().triage, ...rest };
};
const personal = { articleId: 'a1', personal: { email: 'ann@example.com', ip: '203.0.113.9', userAgent: 'Firefox' } };

describe('the learned triage phase', () => {
  it("notes the model's scores for both kinds with the signals that weighed most, as provider builtin", async () => {
    expect(await learnedTriage(withTriage())).toEqual([
      { note: { rule: 'spam', message: 'spam 0.05 (builtin): first comment +0.30', score: 0.05, provider: 'builtin' } },
      { note: { rule: 'toxicity', message: 'remove 0.10 (builtin): word "minister" −0.40', score: 0.1, provider: 'builtin' } },
    ]);
  });

  it('gives the model the text, the website and the author’s record, never the name or email', async () => {
    const { triage, asked } = fakeTriage();
    const ctx = {
      ...context({ submission: { comment: 'Hello', author: 'Ann Smith', url: 'https://ann.example' } }),
      learnedTriage: triage,
    };
    await learnedTriage({ ...ctx, author: { approved: 3, rejected: 1, spam: 0 }, subject: personal });
    expect(asked).toEqual([
      { input: { text: 'Hello', url: 'https://ann.example', record: { approved: 3, rejected: 1, spam: 0 } }, provider: undefined },
    ]);
  });

  it('holds, never removes: with pre-moderation off a high score holds; otherwise scores are noted whatever they are', async () => {
    const high = fakeTriage({ modelScores: { remove: 0.97, spam: 0.99 } }).triage;
    for (const premoderation of [true, 'auto'] as const) {
      const outcome = await learnedTriage(withTriage({ premoderation, learnedTriage: high }));
      expect(outcome).toMatchObject([{ note: { rule: 'spam', score: 0.99 } }, { note: { rule: 'toxicity', score: 0.97 } }]);
    }
    expect(await learnedTriage(withTriage({ premoderation: false, learnedTriage: high }))).toMatchObject([
      { hold: { rule: 'spam', score: 0.99 } },
      { hold: { rule: 'toxicity', score: 0.97 } },
    ]);
    const low = fakeTriage({ modelScores: { remove: 0.49, spam: 0.2 } }).triage;
    expect(await learnedTriage(withTriage({ premoderation: false, learnedTriage: low }))).toMatchObject([
      { note: { rule: 'spam' } },
      { note: { rule: 'toxicity' } },
    ]);
  });

  it('follows the toxicity hold score, and an article that publishes unless held', async () => {
    const mid = fakeTriage({ modelScores: { remove: 0.6, spam: 0 } }).triage;
    const strict = { ...withTriage({ premoderation: true, learnedTriage: mid }), article: { premoderation: false } };
    expect(await learnedTriage(strict)).toMatchObject([{ note: { rule: 'spam' } }, { hold: { rule: 'toxicity', score: 0.6 } }]);
    const lenient = {
      ...strict,
      settings: {
        ...strict.settings,
        triage: { ...triageSettings(), toxicity: { provider: 'builtin' as const, holdAt: 0.7, rejectAt: 0.9 } },
      },
    };
    expect(await learnedTriage(lenient)).toMatchObject([{ note: { rule: 'spam' } }, { note: { rule: 'toxicity' } }]);
  });

  it("calls a cloud provider as before, records its verdict, and gives its score to the model as the provider's", async () => {
    const { source } = fakeSource({ akismet: { score: 0.99, signal: 'akismet: spam' } });
    const { triage, asked } = fakeTriage();
    const outcome = await learnedTriage({ ...withTriage({ providers: { spam: 'akismet' }, learnedTriage: triage }), classifiers: source });
    expect(outcome).toEqual([
      { note: { rule: 'spam', message: 'spam 0.99 (akismet): akismet: spam', score: 0.99, provider: 'akismet' } },
      { note: expect.objectContaining({ rule: 'toxicity', provider: 'builtin' }) },
    ]);
    expect(asked[0]?.provider).toEqual({ spam: 0.99, name: 'akismet' });
  });

  it('holds with "classifier unavailable" when a provider fails, hangs past its limit, or is not enabled', async () => {
    for (const behaviour of ['fail', 'hang'] as const) {
      const { source } = fakeSource({ akismet: behaviour }, 30);
      const outcome = await learnedTriage({ ...withTriage({ providers: { spam: 'akismet', toxicity: null } }), classifiers: source });
      expect(outcome).toEqual([{ hold: { rule: 'spam', message: 'classifier unavailable' } }]);
    }
    const { source, sent } = fakeSource({ builtin: { score: 0 } });
    const outcome = await learnedTriage({ ...withTriage({ providers: { toxicity: 'comprehend', spam: null } }), classifiers: source });
    expect(outcome).toEqual([{ hold: { rule: 'toxicity', message: 'classifier unavailable' } }]);
    expect(sent).toEqual([]);
  });

  it("holds the kinds the model scores when the site's model could not be read", async () => {
    const outcome = await learnedTriage(withTriage({ learnedTriage: { unavailable: 'ProvisionedThroughputExceededException' } }));
    expect(outcome).toEqual([
      { hold: { rule: 'spam', message: 'classifier unavailable' } },
      { hold: { rule: 'toxicity', message: 'classifier unavailable' } },
    ]);
  });

  it('sends personal data only to Akismet, and only when the operator turned it on', async () => {
    const settings = (sendPersonalData: boolean) => ({
      premoderation: true,
      triage: triageSettings({ spam: 'akismet', toxicity: 'comprehend' }, sendPersonalData),
    });
    const off = fakeSource({ akismet: { score: 0 }, comprehend: { score: 0 } });
    await learnedTriage({ ...context({ settings: settings(false) }), classifiers: off.source, subject: personal });
    expect(off.sent.map((s) => [s.provider, s.input.personal])).toEqual([
      ['akismet', undefined],
      ['comprehend', undefined],
    ]);
    expect(off.sent[0]?.input.articleId).toBe('a1');
    const on = fakeSource({ akismet: { score: 0 }, comprehend: { score: 0 } });
    await learnedTriage({ ...context({ settings: settings(true) }), classifiers: on.source, subject: personal });
    expect(on.sent.find((s) => s.provider === 'akismet')?.input.personal).toEqual(personal.personal);
    expect(on.sent.find((s) => s.provider === 'comprehend')?.input).not.toHaveProperty('personal');
  });

  it('does nothing when both kinds are off, or when no model is wired for the kinds set to builtin', async () => {
    const { triage, asked } = fakeTriage();
    expect(await learnedTriage(withTriage({ providers: { spam: null, toxicity: null }, learnedTriage: triage }))).toBeUndefined();
    expect(asked).toEqual([]);
    const { learnedTriage: _none, ...unwired } = withTriage();
    expect(await learnedTriage(unwired)).toBeUndefined();
  });
});
