/**
 * A comment brought over from another system's export, already checked with
 * the submission rules: what the import use case stores, and what becomes of
 * it. Reading the export files is the importer's (scripts/import/).
 */
import type { CommentStatus } from './comment';

export type SourceName = 'wordpress' | 'disqus';
export const SOURCE_LABEL: Record<SourceName, string> = { wordpress: 'WordPress', disqus: 'Disqus' };

/** The actor of every history entry the import writes: a moderator's entry is any other. */
export const IMPORT_ACTOR = 'imported';
/** The rule of the reason every imported comment carries: moderators are sent no digest of them (old news, possibly thousands). */
export const IMPORT_RULE = 'import';

export interface ImportedComment {
  id: string;
  parentId: string | null;
  articleId: string;
  author: string;
  /** Null when the export has no usable address. */
  email: string | null;
  url: string | null;
  comment: string;
  status: CommentStatus;
  createdAt: string;
  source: SourceName;
  sourceId: string;
}

/** What storing one imported comment came to. */
export type ImportOutcome =
  | { kind: 'imported' }
  | { kind: 'already imported' }
  | { kind: 'duplicate' }
  /** An imported comment whose status the source has changed since. */
  | { kind: 'updated'; from: CommentStatus; to: CommentStatus }
  /** A moderator here acted on it: the source's change is not applied. */
  | { kind: 'kept'; from: CommentStatus; to: CommentStatus }
  /** Imported before under another article id: now under this one. */
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'conflict'; problem: string };
