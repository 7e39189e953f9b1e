/**
 * Amazon Bedrock Guardrails `ApplyGuardrail` (no model is called): the
 * guardrail's content filters (insults, hate, violence, sexual content,
 * misconduct) and, if configured, its managed profanity word list, on the
 * comment as an INPUT. Multilingual. The guardrail id and version come from
 * the environment (`GUARDRAIL_ID`, `GUARDRAIL_VERSION`), set by the stack.
 *
 * Guardrails report a confidence (NONE / LOW / MEDIUM / HIGH), not a
 * probability; it maps onto the score so that the default thresholds
 * (hold at 0.5, reject at 0.9) hold MEDIUM and reject HIGH.
 */
import { ApplyGuardrailCommand, BedrockRuntimeClient, type GuardrailAssessment } from '@aws-sdk/client-bedrock-runtime';
import type { Classifier, Verdict } from '../../domain/ports/classifier';
import { envOptional, envString } from '../../environment';

export const CONFIDENCE_SCORES: Record<string, number> = { NONE: 0, LOW: 0.3, MEDIUM: 0.7, HIGH: 0.95 };
const SIGNALS: Record<string, string> = {
  INSULTS: 'insult',
  HATE: 'hate',
  VIOLENCE: 'violence',
  SEXUAL: 'sexual',
  MISCONDUCT: 'misconduct',
};

export interface GuardrailsOptions {
  guardrailId: string;
  guardrailVersion: string;
  client?: Pick<BedrockRuntimeClient, 'send'>;
}

export function guardrailsFromEnvironment(): GuardrailsOptions {
  const guardrailId = envOptional('GUARDRAIL_ID');
  if (!guardrailId) throw new Error('GUARDRAIL_ID is not set');
  return { guardrailId, guardrailVersion: envString('GUARDRAIL_VERSION') };
}

export function guardrailsClassifier(options: GuardrailsOptions): Classifier {
  let client = options.client;
  return {
    kind: 'toxicity',
    provider: 'guardrails',
    async classify(input, signal): Promise<Verdict> {
      // Two attempts at most: the time limit (800 ms by default) leaves no room for more.
      client ??= new BedrockRuntimeClient({ maxAttempts: 2 });
      const result = await client.send(
        new ApplyGuardrailCommand({
          guardrailIdentifier: options.guardrailId,
          guardrailVersion: options.guardrailVersion,
          source: 'INPUT',
          content: [{ text: { text: input.text } }],
          // Every filter's confidence, not only the ones that blocked: the score needs them.
          outputScope: 'FULL',
        }),
        { abortSignal: signal },
      );
      const found = findings(result.assessments ?? []);
      const best = found.reduce((a, b) => (b.score > a.score ? b : a), { score: 0, signal: 'none' });
      if (result.action === 'GUARDRAIL_INTERVENED' && best.score < 0.5)
        return { score: 0.7, signal: 'blocked by guardrail', provider: 'guardrails' };
      return { score: best.score, signal: best.signal, provider: 'guardrails' };
    },
  };
}

function findings(assessments: GuardrailAssessment[]): { score: number; signal: string }[] {
  const out: { score: number; signal: string }[] = [];
  for (const assessment of assessments) {
    for (const filter of assessment.contentPolicy?.filters ?? []) {
      if (!filter.type || filter.type === 'PROMPT_ATTACK') continue;
      out.push({ score: CONFIDENCE_SCORES[filter.confidence ?? 'NONE'] ?? 0, signal: SIGNALS[filter.type] ?? filter.type.toLowerCase() });
    }
    const profane = assessment.wordPolicy?.managedWordLists?.some((w) => w.type === 'PROFANITY' && w.action === 'BLOCKED');
    if (profane) out.push({ score: 0.7, signal: 'profanity' });
  }
  return out;
}
