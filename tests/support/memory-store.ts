/**
 * Every storage port in memory, as one object, for service tests that need
 * no database: one file per port in ./memory-store/, over shared tables
 * (./memory-store/tables.ts). It is faithful where a caller can tell: a
 * failed condition raises the same error as the DynamoDB store
 * (CommentIdTaken, Duplicate, TooManyRequests with the seconds left,
 * VersionConflict with the current version, NotFound), every write checks all
 * its conditions before it changes anything (no await in between, so it is
 * all-or-nothing), and lists page the same way: oldest or newest first by
 * (createdAt, id), continuing strictly after a position even when the comment
 * there has since moved or gone. Values go in and come out as copies, with
 * undefined fields dropped, as through the document client.
 *
 * Not modelled: TTL expiry (of comments, report markers and bans) (DynamoDB
 * Local does not expire items either) and outages.
 * tests/support/store-contract.ts holds it and the DynamoDB store to the same
 * behaviour.
 */
import { memoryAuthorStore } from './memory-store/author';
import { memoryBanStore } from './memory-store/bans';
import { memoryCommentLists } from './memory-store/comment-lists';
import { memoryCommentReads } from './memory-store/comment-reads';
import { memoryModerationStore } from './memory-store/moderation';
import { memoryPrivacyStore } from './memory-store/privacy';
import { memoryReportStore } from './memory-store/reports';
import { memorySettingsStore } from './memory-store/settings';
import { memorySubmissionStore } from './memory-store/submission';
import { memorySubscriberStore } from './memory-store/subscribers';
import { MemoryTables } from './memory-store/tables';

/** Every port over one set of tables, so a write through one port shows through the others. */
export function memoryStore() {
  const tables = new MemoryTables();
  return {
    ...memorySettingsStore(tables),
    ...memorySubmissionStore(tables),
    ...memoryAuthorStore(tables),
    ...memoryCommentReads(tables),
    ...memoryCommentLists(tables),
    ...memoryModerationStore(tables),
    ...memoryPrivacyStore(tables),
    ...memorySubscriberStore(tables),
    ...memoryReportStore(tables),
    ...memoryBanStore(tables),
  };
}

export type MemoryStore = ReturnType<typeof memoryStore>;
