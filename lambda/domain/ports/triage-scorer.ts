/**
 * What the submit path needs from the learned triage: the site's model,
 * loaded (or reused) beside the settings, then a synchronous assessment of
 * one comment: its scores, the signals that weighed most and the gate's
 * verdict. Only the submit function builds one, so only its bundle carries
 * the model's weights.
 */
import type { AutoDecideSettings, GateVerdict, TriageScores, TriageSignal, TriageText } from '../triage/learning';

/** A cloud provider's answer for the heads it scores, and its name (the gate keeps its evidence per name). */
export type ProviderScores = Partial<TriageScores> & { name?: string };

export interface TriageAssessment {
  /** What the gate judged: a provider's score for the heads it answered (named in `source`), the model's for the rest. */
  scores: TriageScores & { source?: { remove?: string; spam?: string } };
  /** The model's own scores (the shipped prior plus the site's part). */
  modelScores: TriageScores;
  /** The features that weighed most in the model's scores, strongest first. */
  signals: TriageSignal[];
  /** The gate's verdict; `automatic` says what an audited comment would have been. */
  verdict: GateVerdict & { automatic?: 'published' | 'rejected' | 'spam' };
}

export interface PreparedTriage {
  assess(input: TriageText, provider: ProviderScores | undefined, settings: AutoDecideSettings): TriageAssessment;
}

export interface TriageScorer {
  /** The site's model as of at most the cache time ago; rejects when it cannot be read (the comment is then held). */
  prepare(): Promise<PreparedTriage>;
}
