import { describe, expect, it } from 'vitest';
import { spamClassifier } from '../../../lambda/domain/moderation/spam-classifier';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { fakeSource } from './classifier-source';
import { context } from './context';

const withSpam = (provider: 'builtin' | 'akismet' | null, sendPersonalData = false) => ({
  triage: { ...DEFAULT_SETTINGS.triage, spam: { provider, sendPersonalData } },
});
const personal = { articleId: 'a1', personal: { email: 'ann@example.com', ip: '203.0.113.9', userAgent: 'Firefox' } };

describe('spam classifier phase', () => {
  it('holds a spam verdict for a person (never removes it), with the score and provider in the reason', async () => {
    const { source } = fakeSource({ akismet: { score: 0.99, signal: 'akismet: spam' } });
    const outcome = await spamClassifier({ ...context({ settings: withSpam('akismet') }), classifiers: source });
    expect(outcome).toEqual({
      hold: { rule: 'spam', message: 'spam 0.99 (akismet): akismet: spam', score: 0.99, provider: 'akismet' },
    });
  });

  it('notes a clean verdict, so its score shows on a published comment too', async () => {
    const { source } = fakeSource({ builtin: { score: 0.1 } });
    expect(await spamClassifier({ ...context({ settings: withSpam('builtin') }), classifiers: source })).toEqual({
      note: { rule: 'spam', message: 'spam 0.10 (builtin): none', score: 0.1, provider: 'builtin' },
    });
  });

  it('holds the comment when the provider fails or hangs past its limit', async () => {
    for (const behaviour of ['fail', 'hang'] as const) {
      const { source } = fakeSource({ akismet: behaviour }, 30);
      expect(await spamClassifier({ ...context({ settings: withSpam('akismet') }), classifiers: source })).toEqual({
        hold: { rule: 'spam', message: 'classifier unavailable' },
      });
    }
  });

  it('holds when the settings name a provider this deployment did not enable', async () => {
    const { source, sent } = fakeSource({ builtin: { score: 0 } });
    expect(await spamClassifier({ ...context({ settings: withSpam('akismet') }), classifiers: source })).toEqual({
      hold: { rule: 'spam', message: 'classifier unavailable' },
    });
    expect(sent).toEqual([]);
  });

  it('sends personal data only when the operator turned it on', async () => {
    const off = fakeSource({ akismet: { score: 0 } });
    await spamClassifier({ ...context({ settings: withSpam('akismet') }), classifiers: off.source, subject: personal });
    expect(off.sent[0]?.input.personal).toBeUndefined();
    expect(off.sent[0]?.input.articleId).toBe('a1');
    const on = fakeSource({ akismet: { score: 0 } });
    await spamClassifier({ ...context({ settings: withSpam('akismet', true) }), classifiers: on.source, subject: personal });
    expect(on.sent[0]?.input.personal).toEqual(personal.personal);
  });

  it('does nothing when spam classification is off', async () => {
    const { source, sent } = fakeSource({ builtin: { score: 1 } });
    expect(await spamClassifier({ ...context({ settings: withSpam(null) }), classifiers: source })).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('uses builtin, offline, when no source is wired', async () => {
    const outcome = await spamClassifier(
      context({
        settings: withSpam('builtin'),
        submission: { comment: 'Cheap viagra pills, buy now at http://pills.example http://pills2.example http://pills3.example' },
      }),
    );
    expect(outcome).toMatchObject({ hold: { rule: 'spam', provider: 'builtin' } });
  });
});
