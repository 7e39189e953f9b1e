/** The `triage` site setting and premoderation "auto": validated like the others, and only providers this deployment enabled. */
import { describe, expect, it } from 'vitest';
import { enabledProviders } from '../../lambda/adapters/classifiers/source';
import { CommentService } from '../../lambda/domain/comment-service';
import { DomainError } from '../../lambda/domain/errors';
import { DEFAULT_SETTINGS, type SiteSettings } from '../../lambda/domain/settings';
import { BUILTIN_ONLY } from '../../lambda/domain/triage/builtin-source';
import type { ProviderName } from '../../lambda/domain/ports/classifier';
import { memoryStore } from '../support/memory-store';

const service = (enabled: ProviderName[] = ['builtin']) =>
  new CommentService({ store: memoryStore(), classifiers: { ...BUILTIN_ONLY, enabled } });

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
  it('defaults to builtin for both, holding at 0.5, personal data off, and the gate at 1 % error with 2 % audited', async () => {
    expect((await service().getSettings()).triage).toEqual({
      spam: { provider: 'builtin', sendPersonalData: false },
      toxicity: { provider: 'builtin', holdAt: 0.5, rejectAt: 0.9 },
      autoDecide: { maxError: 0.01, audit: 0.02, minExamples: 200 },
    });
  });

  it('takes a partial change and keeps the rest', async () => {
    const s = service(['builtin', 'akismet', 'guardrails']);
    await s.updateSettings({ triage: { spam: { provider: 'akismet' } } });
    const next = await s.updateSettings({ triage: { toxicity: { provider: 'guardrails', holdAt: 0.4 } } });
    expect(next.triage).toEqual({
      spam: { provider: 'akismet', sendPersonalData: false },
      toxicity: { provider: 'guardrails', holdAt: 0.4, rejectAt: 0.9 },
      autoDecide: { maxError: 0.01, audit: 0.02, minExamples: 200 },
    });
    const gate = await s.updateSettings({ triage: { autoDecide: { maxError: 0.05 } } });
    expect(gate.triage.autoDecide).toEqual({ maxError: 0.05, audit: 0.02, minExamples: 200 });
    expect(gate.triage.toxicity.provider).toBe('guardrails');
    expect((await s.updateSettings({ triage: { spam: { provider: null } } })).triage.spam.provider).toBeNull();
  });

  it('refuses a provider the deployment did not enable, and says how to enable it', async () => {
    const fields = await fieldsOf(service().updateSettings({ triage: { toxicity: { provider: 'comprehend' } } }));
    expect(fields['triage.toxicity.provider']).toMatch(/comprehend is not enabled.*-c classifiers=.*builtin, null/);
  });

  it('refuses thresholds outside 0..1, unknown providers and keys', async () => {
    const s = service();
    expect(Object.keys(await fieldsOf(s.updateSettings({ triage: { toxicity: { rejectAt: 1.5 } } })))).toEqual(['triage']);
    expect(Object.keys(await fieldsOf(s.updateSettings({ triage: { spam: { provider: 'comprehend' } } })))).toEqual(['triage']);
    expect(await fieldsOf(s.updateSettings({ triage: { spam: { mood: 'grumpy' } } }))).toEqual({ 'triage.spam.mood': 'is not a setting.' });
    expect((await s.getSettings()).version).toBe(0);
  });

  it('takes holdAt above rejectAt: rejectAt decides nothing any more', async () => {
    expect((await service().updateSettings({ triage: { toxicity: { holdAt: 0.95 } } })).triage.toxicity.holdAt).toBe(0.95);
  });

  it('refuses automatic-decision bounds outside their ranges, with one message for the section', async () => {
    const s = service();
    const message = /^triage\.autoDecide must be \{ "maxError": 0 to 0\.1, "audit": 0 to 0\.5, "minExamples": a whole number/;
    for (const autoDecide of [
      { maxError: 0.2 },
      { maxError: -0.01 },
      { audit: 0.6 },
      { minExamples: 0 },
      { minExamples: 2.5 },
      { maxError: '0.01' },
    ]) {
      const fields = await fieldsOf(s.updateSettings({ triage: { autoDecide } }));
      expect(Object.keys(fields)).toEqual(['triage.autoDecide']);
      expect(fields['triage.autoDecide']).toMatch(message);
    }
    expect(await fieldsOf(s.updateSettings({ triage: { autoDecide: { sure: true } } }))).toEqual({
      'triage.autoDecide.sure': 'is not a setting.',
    });
    expect((await s.getSettings()).version).toBe(0);
  });
});

describe('settings stored before automatic decisions existed', () => {
  it('read with the automatic-decision defaults, the rest as stored', async () => {
    const store = memoryStore();
    const { autoDecide: _new, ...olderTriage } = DEFAULT_SETTINGS.triage;
    const older = {
      ...DEFAULT_SETTINGS,
      premoderation: false,
      triage: { ...olderTriage, spam: { provider: null, sendPersonalData: false } },
      version: 3,
    };
    await store.putSettings(older as unknown as SiteSettings, 0);
    const read = await new CommentService({ store }).getSettings();
    expect(read.triage.autoDecide).toEqual({ maxError: 0.01, audit: 0.02, minExamples: 200 });
    expect(read).toMatchObject({ premoderation: false, version: 3, triage: { spam: { provider: null } } });
  });
});

describe('premoderation', () => {
  it('takes true, false and "auto", and nothing else', async () => {
    const s = service();
    for (const premoderation of [false, 'auto', true] as const) {
      expect((await s.updateSettings({ premoderation })).premoderation).toBe(premoderation);
    }
    for (const premoderation of ['yes', 'AUTO', 1, null]) {
      expect(await fieldsOf(s.updateSettings({ premoderation }))).toEqual({
        premoderation: 'premoderation must be true, false or "auto".',
      });
    }
  });
});

describe('the providers a deployment enabled', () => {
  it('always has builtin, and reads the stack list', () => {
    expect(enabledProviders(undefined)).toEqual(['builtin']);
    expect(enabledProviders('akismet, comprehend,nonsense')).toEqual(['builtin', 'akismet', 'comprehend']);
  });
});
