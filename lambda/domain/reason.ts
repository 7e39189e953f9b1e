/** Why a comment has its status: the rule that put it there, in words a moderator reads. */
export interface Reason {
  rule: string;
  message: string;
  /** A classifier's score, 0..1 (the queue sorts by it). */
  score?: number;
  /** The classifier provider that scored it. */
  provider?: string;
}
