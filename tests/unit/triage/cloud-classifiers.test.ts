import {
  BedrockRuntimeClient,
  ApplyGuardrailCommand,
  ServiceUnavailableException,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient, DetectToxicContentCommand, TooManyRequestsException } from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { comprehendClassifier, segment } from '../../../lambda/adapters/classifiers/comprehend';
import { guardrailsClassifier, guardrailsFromEnvironment } from '../../../lambda/adapters/classifiers/guardrails';
import { builtinToxicity } from '../../../lambda/domain/triage/builtin';
import { runClassifier } from '../../../lambda/domain/triage/run-classifier';
import type { ClassifierInput } from '../../../lambda/domain/ports/classifier';

const input = (text: string): ClassifierInput => ({
  text,
  author: 'Reader',
  url: null,
  articleId: 'a',
  personal: { email: 'r@example.com', ip: '192.0.2.1' },
});
const signal = () => new AbortController().signal;

describe('comprehend', () => {
  const comprehend = mockClient(ComprehendClient);
  const classifier = comprehendClassifier({ client: new ComprehendClient({ region: 'us-east-1' }), fallback: builtinToxicity });
  beforeEach(() => comprehend.reset());

  it('sends the English text as segments and reads the documented response', async () => {
    comprehend.on(DetectToxicContentCommand).resolves({
      ResultList: [
        {
          Toxicity: 0.91,
          Labels: [
            { Name: 'PROFANITY', Score: 0.12 },
            { Name: 'INSULT', Score: 0.88 },
            { Name: 'VIOLENCE_OR_THREAT', Score: 0.03 },
          ],
        },
      ],
    });
    const verdict = await classifier.classify(input('You are an idiot and everyone on this site knows it.'), signal());
    expect(verdict).toEqual({ score: 0.91, signal: 'insult', provider: 'comprehend' });
    const sent = comprehend.commandCalls(DetectToxicContentCommand)[0]!.args[0].input;
    expect(sent).toEqual({ LanguageCode: 'en', TextSegments: [{ Text: 'You are an idiot and everyone on this site knows it.' }] });
    // Only the text: nothing personal reaches Comprehend.
    expect(JSON.stringify(sent)).not.toContain('example.com');
  });

  it('names no signal for a clean comment', async () => {
    comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [{ Toxicity: 0.02, Labels: [{ Name: 'INSULT', Score: 0.01 }] }] });
    await expect(classifier.classify(input('I disagree with the author about the sanctions.'), signal())).resolves.toEqual({
      score: 0.02,
      signal: 'none',
      provider: 'comprehend',
    });
  });

  it('hands a comment in another language to builtin and says so', async () => {
    const verdict = await classifier.classify(input('Je ne suis pas du tout d’accord avec cet article sur le sommet du G20.'), signal());
    expect(verdict.provider).toBe('builtin');
    expect(verdict.note).toMatch(/not English/);
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('cuts long comments into ≤ 1,000-byte segments and reads at most ten', async () => {
    comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [{ Toxicity: 0.1, Labels: [] }] });
    const long = 'the war and the summit are the news of the week '.repeat(400);
    const verdict = await classifier.classify(input(long), signal());
    const segments = comprehend.commandCalls(DetectToxicContentCommand)[0]!.args[0].input.TextSegments!;
    expect(segments).toHaveLength(10);
    for (const s of segments) expect(Buffer.byteLength(s.Text!)).toBeLessThanOrEqual(1000);
    expect(verdict.note).toMatch(/first 10 KB/);
    expect(segment('ü'.repeat(900)).every((s) => Buffer.byteLength(s) <= 1000)).toBe(true);
  });

  it('passes the abort signal to the SDK', async () => {
    comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [{ Toxicity: 0.1, Labels: [] }] });
    const controller = new AbortController();
    await classifier.classify(input('A perfectly ordinary comment about the news.'), controller.signal);
    expect((comprehend.call(0).args as unknown[])[1]).toMatchObject({ abortSignal: controller.signal });
  });

  it('throttling and empty answers become "classifier unavailable"', async () => {
    comprehend.on(DetectToxicContentCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(runClassifier(classifier, input('An ordinary comment about the news.'))).resolves.toMatchObject({
      ok: false,
      message: 'classifier unavailable',
      cause: expect.stringContaining('TooManyRequestsException'),
    });
    comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [] });
    await expect(runClassifier(classifier, input('An ordinary comment about the news.'))).resolves.toMatchObject({ ok: false });
  });
});

describe('guardrails', () => {
  const bedrock = mockClient(BedrockRuntimeClient);
  const classifier = guardrailsClassifier({
    guardrailId: 'gr-123',
    guardrailVersion: '1',
    client: new BedrockRuntimeClient({ region: 'us-east-1' }),
  });
  beforeEach(() => bedrock.reset());
  afterEach(() => vi.useRealTimers());

  const filters = (...f: { type: string; confidence: string; action: string }[]) => ({
    action: f.some((x) => x.action === 'BLOCKED') ? ('GUARDRAIL_INTERVENED' as const) : ('NONE' as const),
    outputs: [],
    assessments: [{ contentPolicy: { filters: f.map((x) => ({ ...x, filterStrength: 'HIGH' })) } }],
  });

  it('applies the configured guardrail to the comment as INPUT, with every filter in the answer', async () => {
    bedrock
      .on(ApplyGuardrailCommand)
      .resolves(
        filters(
          { type: 'INSULTS', confidence: 'HIGH', action: 'BLOCKED' },
          { type: 'VIOLENCE', confidence: 'LOW', action: 'NONE' },
        ) as never,
      );
    const verdict = await classifier.classify(input('You are a worthless idiot.'), signal());
    expect(verdict).toEqual({ score: 0.95, signal: 'insult', provider: 'guardrails' });
    expect(bedrock.commandCalls(ApplyGuardrailCommand)[0]!.args[0].input).toEqual({
      guardrailIdentifier: 'gr-123',
      guardrailVersion: '1',
      source: 'INPUT',
      content: [{ text: { text: 'You are a worthless idiot.' } }],
      outputScope: 'FULL',
    });
  });

  it('holds MEDIUM confidence, lets LOW and NONE through', async () => {
    bedrock.on(ApplyGuardrailCommand).resolves(filters({ type: 'HATE', confidence: 'MEDIUM', action: 'BLOCKED' }) as never);
    await expect(classifier.classify(input('x'), signal())).resolves.toMatchObject({ score: 0.7, signal: 'hate' });
    bedrock
      .on(ApplyGuardrailCommand)
      .resolves(
        filters({ type: 'VIOLENCE', confidence: 'LOW', action: 'NONE' }, { type: 'SEXUAL', confidence: 'NONE', action: 'NONE' }) as never,
      );
    await expect(classifier.classify(input('The strike killed twelve people.'), signal())).resolves.toMatchObject({
      score: 0.3,
      signal: 'violence',
    });
    bedrock.on(ApplyGuardrailCommand).resolves({ action: 'NONE', outputs: [], assessments: [] } as never);
    await expect(classifier.classify(input('Thanks for the article.'), signal())).resolves.toEqual({
      score: 0,
      signal: 'none',
      provider: 'guardrails',
    });
  });

  it('reads the managed profanity word list', async () => {
    bedrock.on(ApplyGuardrailCommand).resolves({
      action: 'GUARDRAIL_INTERVENED',
      outputs: [],
      assessments: [{ wordPolicy: { customWords: [], managedWordLists: [{ match: 'shit', type: 'PROFANITY', action: 'BLOCKED' }] } }],
    } as never);
    await expect(classifier.classify(input('shit'), signal())).resolves.toMatchObject({ score: 0.7, signal: 'profanity' });
  });

  it('throttling, an unavailable service, and a call that hangs all become "classifier unavailable"', async () => {
    bedrock.on(ApplyGuardrailCommand).rejects(new ThrottlingException({ message: 'Too many requests', $metadata: {} }));
    await expect(runClassifier(classifier, input('x'))).resolves.toMatchObject({
      ok: false,
      cause: expect.stringContaining('ThrottlingException'),
    });
    bedrock.on(ApplyGuardrailCommand).rejects(new ServiceUnavailableException({ message: 'down', $metadata: {} }));
    await expect(runClassifier(classifier, input('x'))).resolves.toMatchObject({ ok: false, message: 'classifier unavailable' });

    vi.useFakeTimers();
    let aborted: AbortSignal | undefined;
    const hanging = guardrailsClassifier({
      guardrailId: 'gr-123',
      guardrailVersion: '1',
      client: {
        send: ((_command: unknown, options: { abortSignal: AbortSignal }) => {
          aborted = options.abortSignal;
          return new Promise(() => {});
        }) as never,
      },
    });
    const outcome = runClassifier(hanging, input('x'), { timeLimitMs: 800 });
    await vi.advanceTimersByTimeAsync(800);
    await expect(outcome).resolves.toEqual({ ok: false, message: 'classifier unavailable', cause: 'timeout after 800 ms' });
    expect(aborted?.aborted).toBe(true);
  });

  it('reads the guardrail id and version from the environment', () => {
    vi.stubEnv('GUARDRAIL_ID', 'gr-abc');
    vi.stubEnv('GUARDRAIL_VERSION', '3');
    expect(guardrailsFromEnvironment()).toEqual({ guardrailId: 'gr-abc', guardrailVersion: '3' });
    vi.stubEnv('GUARDRAIL_ID', '');
    expect(() => guardrailsFromEnvironment()).toThrow(/GUARDRAIL_ID/);
    vi.unstubAllEnvs();
  });
});
