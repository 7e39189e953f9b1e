/**
 * Why each item of a write transaction is written: the per-item table of the
 * report pairs every measured item with its reason, so a unit nobody can
 * explain stands out. Keyed by the item kinds of lambda/adapters/dynamodb/items.ts.
 */
const REASONS: Record<string, string> = {
  comment:
    'the comment; held, it enters the queue (byStatus), the article filter (byArticleStatus) and the risk order (byRisk), published the public index',
  history: 'the first entry of the audit trail (who decided what, when): the history view and the privacy export read it',
  contact:
    'the address, kept apart from the public table (encrypted, erasable); byEmailHash finds an address for bans, auto-approve and privacy requests',
  duplicate: 'one lock per identity (email, then name) on the same text: the same comment sent twice is refused atomically',
  flood: 'one lock per sender (email, then address): a second post within floodSeconds is refused atomically',
  article: "only the article's first comment: when commenting started (closeAfterDays counts from it)",
  'author stats': "the email's running counts for auto-approve (only when a status that counts changes)",
  'published count': "the article's public count (only when a comment becomes or stops being published)",
};

export const whyWritten = (item: string): string => REASONS[item] ?? '(no reason recorded: explain it or cut it)';

/** Whether every item of a transaction has its reason in the table above. */
export const everyItemExplained = (items: readonly { item: string }[]): boolean =>
  items.length > 0 && items.every(({ item }) => item in REASONS);
