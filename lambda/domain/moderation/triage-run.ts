/**
 * One submission's triage, run once and shared by the phases that use it
 * (the scores phase early, the gate late): the cloud providers the settings
 * name are called as before, and the learned model scores the comment with
 * their answers as provider scores, so the gate calibrates them on the
 * site's own decisions. `builtin` names the learned model.
 */
import type { ClassifierKind, ProviderName } from '../ports/classifier';
import type { ProviderScores, TriageAssessment } from '../ports/triage-scorer';
import type { Reason } from '../comment';
import { reasonFor } from '../triage/decision';
import type { TriageSignal } from '../triage/learning';
import { CLASSIFIER_UNAVAILABLE, type ClassifierOutcome } from '../triage/run-classifier';
import { classify } from './classify';
import type { PolicyInput } from './phase';

/** The model's head behind each kind: toxicity is "a moderator would remove it". */
export const HEAD_OF = { spam: 'spam', toxicity: 'remove' } as const;

export interface KindScore {
  kind: ClassifierKind;
  /** The provider's verdict or the model's head, as a reason with its score; "classifier unavailable" without one. */
  reason: Reason;
  /** null when the provider (or the model) could not answer. */
  score: number | null;
}

export interface TriageRun {
  /** The kinds the settings turn on, spam first. */
  kinds: KindScore[];
  /** The model's scores and the gate's verdict; null when the model could not score (or is not wired here). */
  assessment: TriageAssessment | null;
}

const runs = new WeakMap<object, Promise<TriageRun | null>>();

/** The submission's triage, computed on first use (null: the settings turn every kind off). */
export function triageRun(input: PolicyInput): Promise<TriageRun | null> {
  let run = runs.get(input.submission);
  if (!run) {
    run = runTriage(input);
    runs.set(input.submission, run);
  }
  return run;
}

/** The triage a decision already ran, without starting one (a comment the honeypot stopped calls no provider). */
export function startedTriageRun(input: PolicyInput): Promise<TriageRun | null> | undefined {
  return runs.get(input.submission);
}

async function runTriage(input: PolicyInput): Promise<TriageRun | null> {
  const triage = input.settings.triage;
  // Where no model is wired (a function that takes no submissions, a test), nothing scores the kinds set to builtin.
  const scorable = (provider: ProviderName | null) => provider !== null && (provider !== 'builtin' || input.learnedTriage !== undefined);
  const chosen = (['spam', 'toxicity'] as const)
    .map((kind) => ({ kind, provider: triage?.[kind].provider ?? null }))
    .filter((c): c is { kind: ClassifierKind; provider: ProviderName } => scorable(c.provider));
  if (!triage || chosen.length === 0) return null;

  const context = { ...input, held: [] };
  const answers = await Promise.all(
    chosen.map(async ({ kind, provider }) => {
      if (provider === 'builtin') return { kind, provider, outcome: null };
      // Only Akismet (spam) may be sent personal data, and only when the operator allowed it.
      const personal = kind === 'spam' && triage.spam.sendPersonalData;
      return { kind, provider, outcome: await classify(kind, provider, context, personal) };
    }),
  );
  const provider = providerScores(answers);
  const assessment = assess(input, provider);
  const kinds = answers.map(({ kind, outcome }): KindScore => {
    if (outcome) return { kind, reason: reasonFor(kind, outcome), score: outcome.ok ? outcome.verdict.score : null };
    if (!assessment) return { kind, reason: { rule: kind, message: CLASSIFIER_UNAVAILABLE }, score: null };
    const score = assessment.modelScores[HEAD_OF[kind]];
    return { kind, reason: modelReason(kind, score, assessment.signals), score };
  });
  return { kinds, assessment };
}

function providerScores(answers: { kind: ClassifierKind; provider: ProviderName; outcome: ClassifierOutcome | null }[]) {
  const scores: ProviderScores = {};
  const names: string[] = [];
  for (const { kind, provider, outcome } of answers) {
    if (!outcome?.ok) continue;
    scores[HEAD_OF[kind]] = outcome.verdict.score;
    names.push(provider);
  }
  return names.length > 0 ? { ...scores, name: names.join('+') } : undefined;
}

function assess(input: PolicyInput, provider: ProviderScores | undefined): TriageAssessment | null {
  const model = input.learnedTriage;
  if (!model || 'unavailable' in model) return null;
  const { submission, author, settings } = input;
  const record = { approved: author.approved, rejected: author.rejected, spam: author.spam };
  try {
    return model.assess({ text: submission.comment, url: submission.url, record }, provider, settings.triage!.autoDecide);
  } catch {
    return null;
  }
}

const SIGNALS_SHOWN = 3;

/** e.g. `{ rule: "spam", message: "spam 0.91 (builtin): 3 links +1.20, word \"casino\" +0.80", score: 0.91, provider: "builtin" }`. */
export function modelReason(kind: ClassifierKind, score: number, signals: readonly TriageSignal[]): Reason {
  const rounded = Math.round(score * 100) / 100;
  const strongest = signals
    .filter((s) => s.head === HEAD_OF[kind])
    .slice(0, SIGNALS_SHOWN)
    .map((s) => `${s.feature} ${s.weight >= 0 ? '+' : '−'}${Math.abs(s.weight).toFixed(2)}`);
  const head = kind === 'spam' ? 'spam' : 'remove';
  return {
    rule: kind,
    message: `${head} ${rounded.toFixed(2)} (builtin)${strongest.length > 0 ? `: ${strongest.join(', ')}` : ''}`,
    score: rounded,
    provider: 'builtin',
  };
}
