/**
 * The shapes the learned triage shares between the model (lambda/domain/triage/model/),
 * the service that scores and gates submissions, the learner that turns
 * moderators' decisions into examples, and the importer whose history is the
 * site's first batch of examples.
 *
 * Privacy: nothing here carries an email, an address or a name. The model
 * reads the text, the website field (presence and top-level domain only) and
 * the author's record as counts; its stored weights are indexed by hashes.
 */

/** What a person decided about a comment: the label the model learns from. */
export type DecisionLabel = 'approved' | 'rejected' | 'spam';

/** The labels in the order every stored table of counts keeps them. */
export const DECISION_LABELS: readonly DecisionLabel[] = ['approved', 'rejected', 'spam'];

/** What the model reads of a comment. The author's name is deliberately absent. */
export interface TriageText {
  text: string;
  /** The website field; only its presence and top-level domain become features. */
  url?: string | null;
  /** The author's decided comments (counts only); absent or all zero for a first comment. */
  record?: { approved: number; rejected: number; spam: number };
}

/** Two probabilities: a moderator would remove it (reject), and it is spam. */
export interface TriageScores {
  remove: number;
  spam: number;
}

/** One of the few features that weighed most in a score, for the moderator's "why". */
export interface TriageSignal {
  head: keyof TriageScores;
  /** Readable: `word "idiot"`, `chars "viag"`, `2 links`, `first comment`. */
  feature: string;
  /** Its contribution to the head's log-odds (positive pushes towards remove/spam). */
  weight: number;
}

/** A decided comment, as the learner takes it. */
export interface DecidedExample {
  input: TriageText;
  label: DecisionLabel;
  /**
   * The scores the site's model gave before it learned this example (test-then-train):
   * the gate's calibration evidence. Absent for imported history: the learner scores it first.
   */
  scoresAtDecision?: TriageScores;
  /** Where the example came from; a reversal of an automatic decision weighs more. */
  origin: 'moderator' | 'audit' | 'reversal' | 'import';
}

/** Setting `triage.autoDecide`. */
export interface AutoDecideSettings {
  /** The error an automatic decision may have, judged by an upper confidence bound (0..0.1). */
  maxError: number;
  /** The share of automatic decisions also queued for a person, as audits (0..0.5). */
  audit: number;
  /** How many of the site's decided comments of similar score the bound needs before anything is automatic. */
  minExamples: number;
}

export type GateDecision = 'published' | 'pending' | 'rejected' | 'spam';

/** What the gate made of one comment's scores. */
export interface GateVerdict {
  decision: GateDecision;
  /** Decided without a person (an audited comment is auto and still pending for review). */
  auto: boolean;
  audit: boolean;
  /** The error estimate behind an automatic decision (or the best candidate's, when it fell short). */
  estimate?: { error: number; bound: number; n: number };
  /** e.g. "published: remove 0.03 (≤ 0.01 error over 1,240 decisions)". */
  message: string;
}

/**
 * Where the site's part of the model lives (one DynamoDB item deployed; the
 * same item in DynamoDB Local under `npm start`). The model module encodes
 * and decodes the bytes; the store only keeps them, with optimistic locking.
 */
export interface SiteModelStore {
  /** The stored site model, or null for a new site. */
  load(): Promise<{ bytes: Uint8Array; version: number } | null>;
  /** The stored model's version without its bytes (null: none saved, or saved before versions were kept apart). */
  version(): Promise<number | null>;
  /** Writes only if the stored version is still `expected` (null: none stored yet); false on a conflict. */
  save(bytes: Uint8Array, expected: number | null): Promise<boolean>;
}

/** Hands decided comments to the site's model (the learner, and the importer's history). */
export interface SiteLearner {
  teach(examples: readonly DecidedExample[]): Promise<{ taught: Record<DecisionLabel, number> }>;
}
