/**
 * A moderation phase is one rule. Phases run in the order of the one list
 * (./phases.ts) on a context that carries the submission, the settings, the
 * article and the author's record. A phase returns nothing to let the next
 * one look, holds the comment for review with a reason and lets the rest
 * run, adds a reason that decides nothing (a score, say), or decides the
 * status. Phases may be async (classifiers call services).
 */
import type { ClassifierSource, PersonalData } from '../ports/classifier';
import type { PreparedTriage } from '../ports/triage-scorer';
import type { AuthorRecord } from '../author-record';
import type { Ban } from '../bans';
import type { CommentStatus, Reason } from '../comment';
import type { ArticleSettings, SiteSettings, TriageSettings } from '../settings';
import type { ValidSubmission } from '../submission-rules';

export type { AuthorRecord };

export interface PolicyInput {
  submission: Pick<ValidSubmission, 'comment' | 'author' | 'url' | 'honeypot'>;
  settings: Pick<SiteSettings, 'premoderation' | 'maxLinks' | 'moderationWords' | 'disallowedWords'> & {
    /** The window only shapes the message: the caller counts `author` within it. */
    autoApprove: Pick<SiteSettings['autoApprove'], 'enabled' | 'minApproved'> & { windowDays?: number | null };
    /** Absent: no classifier runs (the stored settings always carry it, `builtin` by default). */
    triage?: TriageSettings;
  };
  article: Pick<ArticleSettings, 'premoderation'>;
  author: AuthorRecord;
  /** The classifiers this deployment can call; `builtin` only when absent. */
  classifiers?: ClassifierSource;
  /** What classifiers may be told beyond the text: the article, and personal data (sent only where the operator allows). */
  subject?: { articleId: string; personal?: PersonalData };
  /** The ban in force on the poster's email or address, found before the phases run. */
  ban?: Pick<Ban, 'id' | 'scope'> | null;
  /**
   * The learned model (`builtin`), prepared for this submission; unavailable
   * when the site's model could not be read (kinds it scores then hold);
   * absent where a function is not wired for it (nothing scores those kinds).
   */
  learnedTriage?: PreparedTriage | { unavailable: string };
}

export interface PhaseContext extends PolicyInput {
  /** What earlier phases held the comment for, in order. */
  readonly held: readonly Reason[];
}

export type DecidedStatus = Extract<CommentStatus, 'pending' | 'approved' | 'spam' | 'rejected'>;

export type PhaseOutcome =
  /** Held for review; later phases still run, but only a stricter status than pending (spam, rejected) overrides the hold. */
  | { readonly hold: Reason }
  /** Recorded with the comment, decides nothing. */
  | { readonly note: Reason }
  /** The status, with the reason that decided it; no later phase runs. */
  | { readonly decide: DecidedStatus; readonly reason: Reason };

/** Several outcomes from one phase are taken in order, as if from phases one after the other. */
type PhaseResult = PhaseOutcome | readonly PhaseOutcome[] | undefined;
export type Phase = (context: PhaseContext) => PhaseResult | Promise<PhaseResult>;

export interface Decision {
  status: DecidedStatus;
  /** The first reason is the one that decided; later ones also held the comment, or were noted. */
  reasons: Reason[];
}

/** Runs the phases in order; the list must end with a phase that always decides. */
export async function runPhases(phases: readonly Phase[], input: PolicyInput): Promise<Decision> {
  const held: Reason[] = [];
  const notes: Reason[] = [];
  for (const phase of phases) {
    const result = await phase({ ...input, held });
    const outcomes: readonly PhaseOutcome[] = result === undefined ? [] : 'length' in result ? result : [result];
    for (const outcome of outcomes) {
      if ('hold' in outcome) held.push(outcome.hold);
      else if ('note' in outcome) notes.push(outcome.note);
      // A hold stands against a milder decision (pending, approved); a stricter one (spam, rejected) overrides it.
      else if (held.length > 0 && isMild(outcome.decide)) return { status: 'pending', reasons: [...held, ...notes] };
      else return { status: outcome.decide, reasons: [outcome.reason, ...held, ...notes] };
    }
  }
  throw new Error('the moderation phases ended without a decision');
}

const isMild = (status: DecidedStatus) => status === 'pending' || status === 'approved';

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
