/** The `triage` site setting: validated like the others, and only providers this deployment enabled. */
import { describe, expect, it } from 'vitest';
import { enabledProviders } from '../../lambda/adapters/classifiers/source';
import { CommentService } from '../../lambda/domain/comment-service';
import { DomainError } from '../../lambda/domain/errors';
import { BUILTIN_ONLY } from '../../lambda/domain/triage/builtin-source';
import type { ProviderName } from '../../lambda/ports/classifier';
import { InMemoryCommentStore } from '../support/memory-store';

const service = (enabled: ProviderName[] = ['builtin']) =>
  new CommentService({ store: new InMemoryCommentStore(), classifiers: { ...BUILTIN_ONLY, enabled } });

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('ValidationError');
  return (error as DomainError).details.fields ?? {};
}

describe('triage settings', () => {
  it('defaults to builtin for both, holding at 0.5 and rejecting at 0.9, personal data off', async () => {
    expect((await service().getSettings()).triage).toEqual({
      spam: { provider: 'builtin', sendPersonalData: false },
      toxicity: { provider: 'builtin', holdAt: 0.5, rejectAt: 0.9 },
    });
  });

  it('takes a partial change and keeps the rest', async () => {
    const s = service(['builtin', 'akismet', 'guardrails']);
    await s.updateSettings({ triage: { spam: { provider: 'akismet' } } });
    const next = await s.updateSettings({ triage: { toxicity: { provider: 'guardrails', holdAt: 0.4 } } });
    expect(next.triage).toEqual({
      spam: { provider: 'akismet', sendPersonalData: false },
      toxicity: { provider: 'guardrails', holdAt: 0.4, rejectAt: 0.9 },
    });
    expect((await s.updateSettings({ triage: { spam: { provider: null } } })).triage.spam.provider).toBeNull();
  });

  it('refuses a provider the deployment did not enable, and says how to enable it', async () => {
    const fields = await fieldsOf(service().updateSettings({ triage: { toxicity: { provider: 'comprehend' } } }));
    expect(fields['triage.toxicity.provider']).toMatch(/comprehend is not enabled.*-c classifiers=.*builtin, null/);
  });

  it('refuses thresholds out of order or outside 0..1, unknown providers and keys', async () => {
    const s = service();
    expect(await fieldsOf(s.updateSettings({ triage: { toxicity: { holdAt: 0.95 } } }))).toEqual({
      'triage.toxicity': 'holdAt must not be above rejectAt.',
    });
    expect(Object.keys(await fieldsOf(s.updateSettings({ triage: { toxicity: { rejectAt: 1.5 } } })))).toEqual(['triage']);
    expect(Object.keys(await fieldsOf(s.updateSettings({ triage: { spam: { provider: 'comprehend' } } })))).toEqual(['triage']);
    expect(await fieldsOf(s.updateSettings({ triage: { spam: { mood: 'grumpy' } } }))).toEqual({ 'triage.spam.mood': 'is not a setting.' });
    expect((await s.getSettings()).version).toBe(0);
  });
});

describe('the providers a deployment enabled', () => {
  it('always has builtin, and reads the stack list', () => {
    expect(enabledProviders(undefined)).toEqual(['builtin']);
    expect(enabledProviders('akismet, comprehend,nonsense')).toEqual(['builtin', 'akismet', 'comprehend']);
  });
});
