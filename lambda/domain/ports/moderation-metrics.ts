/**
 * What the desk's dashboard counts, in domain terms. The Lambda functions
 * emit these as CloudWatch metrics (EMF, lambda/wiring/observability.ts);
 * tests and the local runtime may pass their own.
 */
import type { CommentStatus } from '../comment';

export type ModerationAction = 'approve' | 'reject' | 'spam' | 'delete';

/** Metric and dimension names, shared by the emitter and the stack's dashboard and alarm. */
export const MODERATION_METRIC = {
  /** Count, dimension `outcome`: the status the rules gave (pending, approved, rejected, spam). */
  submitted: 'CommentsSubmitted',
  /** Count, dimension `action`: approve, reject, spam, delete. */
  decisions: 'ModerationDecisions',
  /** Seconds from submission to a moderator's decision on a pending comment. */
  timeToDecision: 'TimeToDecision',
  /** Count of readers' reports. */
  reports: 'ReportsReceived',
  /** Seconds the oldest pending comment has waited (0 when the queue is empty), every five minutes. */
  oldestPendingAge: 'OldestPendingAge',
} as const;

export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'reject', 'spam', 'delete'];

export interface ModerationMetrics {
  /** A comment was stored; its status is what the rules decided. */
  commentSubmitted(outcome: CommentStatus): void;
  /**
   * A moderator acted on a comment. `waitedSeconds` is the time since it was
   * submitted when it left the queue (a pending comment decided), else null.
   */
  decisionMade(action: ModerationAction, waitedSeconds: number | null): void;
  /** A reader reported a comment. */
  reportReceived(): void;
}

export const NO_METRICS: ModerationMetrics = {
  commentSubmitted: () => {},
  decisionMade: () => {},
  reportReceived: () => {},
};
