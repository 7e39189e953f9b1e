/**
 * Item layouts: how domain objects become DynamoDB items and back. Key
 * prefixes keep the item types of one table apart; they, the fixed sort keys
 * and the item types are named here and nowhere else (index and key
 * attribute names live in schema.ts).
 */
import { type Comment, type CommentStatus, type Contact, type HistoryEntry, type PublicComment, riskOf } from '../../domain/comment';
import { TRIAGE_ATTRIBUTE, triageRecordOf } from '../../domain/triage/triage-record';
import { INDEXES, TABLE_KEY } from './schema';

const PK = TABLE_KEY.partition.name;
const SK = TABLE_KEY.sort.name;

/** The primary key of an item in either table. */
export type ItemKey = Record<typeof PK | typeof SK, string>;

/** Partition key prefixes. A comment, its history and its contact share `C#<id>` (in two tables). */
export const KEY_PREFIX = {
  comment: 'C#',
  article: 'A#',
  guard: 'G#',
  author: 'AUTHOR#',
  subscriber: 'SUB#',
  publishedCount: 'COUNT#',
  banned: 'BANNED#',
} as const;

/** Sort keys: fixed per item type, except history entries, which begin with `H#`. */
export const SORT_KEY = {
  comment: 'C',
  contact: 'CONTACT',
  historyPrefix: 'H#',
  settings: 'SITE',
  article: 'ARTICLE',
  guard: 'G',
  author: 'STATS',
  subscriber: 'SUBSCRIBER',
  reportPrefix: 'R#',
  banPrefix: 'B#',
  publishedCount: 'PUBLISHED',
  siteModel: 'MODEL',
  siteModelHead: 'MODEL#HEAD',
  triageDayPrefix: 'DAY#',
  triageBatchPrefix: 'BATCH#',
} as const;

const SETTINGS_PARTITION = 'SETTINGS';
/**
 * The learned triage's items: the site's model and one counter item per day.
 * A partition of their own, so an IAM policy can grant exactly these items.
 */
const TRIAGE_PARTITION = 'TRIAGE';
/** Every ban sits in one partition of the private table (few items; listed with one Query). */
const BANS_PARTITION = 'BANS';

/** The `type` attribute of each kind of item (the stream and the benchmark read it). */
export const ITEM_TYPE = {
  comment: 'comment',
  history: 'history',
  contact: 'contact',
  settings: 'settings',
  article: 'article',
  duplicateGuard: 'duplicate',
  floodGuard: 'flood',
  subscriber: 'subscriber',
  mailQuota: 'mailQuota',
  replyMail: 'replyMail',
  report: 'report',
  ban: 'ban',
  banMarker: 'banMarker',
  publishedCount: 'publishedCount',
  siteModel: 'siteModel',
  siteModelHead: 'siteModelHead',
  triageDay: 'triageDay',
  triageBatch: 'triageBatch',
} as const;

const key = (partition: string, sort: string): ItemKey => ({ [PK]: partition, [SK]: sort }) as ItemKey;

export const keys = {
  comment: (id: string) => key(`${KEY_PREFIX.comment}${id}`, SORT_KEY.comment),
  history: (id: string, at: string, version: number) =>
    key(`${KEY_PREFIX.comment}${id}`, `${SORT_KEY.historyPrefix}${at}#${String(version).padStart(6, '0')}`),
  settings: () => key(SETTINGS_PARTITION, SORT_KEY.settings),
  article: (articleId: string) => key(`${KEY_PREFIX.article}${articleId}`, SORT_KEY.article),
  contact: (id: string) => key(`${KEY_PREFIX.comment}${id}`, SORT_KEY.contact),
  guard: (guardKey: string) => key(`${KEY_PREFIX.guard}${guardKey}`, SORT_KEY.guard),
  author: (emailHash: string) => key(`${KEY_PREFIX.author}${emailHash}`, SORT_KEY.author),
  subscriber: (emailHash: string) => key(`${KEY_PREFIX.subscriber}${emailHash}`, SORT_KEY.subscriber),
  /** One reader's report of a comment (private table), by the keyed hash of reader and comment. */
  report: (commentId: string, reporterKey: string) => key(`${KEY_PREFIX.comment}${commentId}`, `${SORT_KEY.reportPrefix}${reporterKey}`),
  ban: (banId: string) => key(BANS_PARTITION, `${SORT_KEY.banPrefix}${banId}`),
  /** What finds a ban from a new comment: the banned email's or address's keyed hash. */
  banMarker: (subject: 'email' | 'address', hash: string, banId: string) =>
    key(`${KEY_PREFIX.banned}${subject}:${hash}`, `${SORT_KEY.banPrefix}${banId}`),
  /** Its own partition prefix, so the counts function's IAM policy can reach these items and nothing else. */
  publishedCount: (articleId: string) => key(`${KEY_PREFIX.publishedCount}${articleId}`, SORT_KEY.publishedCount),
  siteModel: () => key(TRIAGE_PARTITION, SORT_KEY.siteModel),
  /** The model's version alone, written with every save: what a scoring function reads to learn whether to read the model. */
  siteModelHead: () => key(TRIAGE_PARTITION, SORT_KEY.siteModelHead),
  /** One day's triage counters; `day` is YYYY-MM-DD, so the sort keys sort by date. */
  triageDay: (day: string) => key(TRIAGE_PARTITION, `${SORT_KEY.triageDayPrefix}${day}`),
  /** A stream batch the learner has applied (expires after the stream's retention). */
  triageBatch: (batchId: string) => key(TRIAGE_PARTITION, `${SORT_KEY.triageBatchPrefix}${batchId}`),
};

export const TRIAGE_PARTITION_KEY = TRIAGE_PARTITION;

export const BANS_PARTITION_KEY = BANS_PARTITION;

/** Conditions on whether an item exists (every item has a partition key). */
export const ITEM_ABSENT = `attribute_not_exists(${PK})`;
export const ITEM_PRESENT = `attribute_exists(${PK})`;

/** What kind of item a key belongs to, read from the key alone (for reports on transactions). */
export function itemKindOf(itemKey: Record<string, unknown>): string | undefined {
  const partition = String(itemKey[PK] ?? '');
  const sort = String(itemKey[SK] ?? '');
  if (partition.startsWith(KEY_PREFIX.author)) return 'author stats';
  if (partition.startsWith(KEY_PREFIX.subscriber)) return ITEM_TYPE.subscriber;
  if (partition.startsWith(KEY_PREFIX.article)) return ITEM_TYPE.article;
  if (partition.startsWith(KEY_PREFIX.publishedCount)) return 'published count';
  if (partition.startsWith(KEY_PREFIX.guard)) return 'guard';
  if (partition === SETTINGS_PARTITION) return ITEM_TYPE.settings;
  if (partition === BANS_PARTITION) return ITEM_TYPE.ban;
  if (partition === TRIAGE_PARTITION) {
    if (sort === SORT_KEY.siteModel) return ITEM_TYPE.siteModel;
    if (sort === SORT_KEY.siteModelHead) return ITEM_TYPE.siteModelHead;
    return sort.startsWith(SORT_KEY.triageBatchPrefix) ? ITEM_TYPE.triageBatch : ITEM_TYPE.triageDay;
  }
  if (partition.startsWith(KEY_PREFIX.banned)) return ITEM_TYPE.banMarker;
  if (sort.startsWith(SORT_KEY.reportPrefix)) return ITEM_TYPE.report;
  if (sort === SORT_KEY.contact) return ITEM_TYPE.contact;
  if (sort.startsWith(SORT_KEY.historyPrefix)) return ITEM_TYPE.history;
  if (sort === SORT_KEY.comment) return ITEM_TYPE.comment;
  return undefined;
}

/** Sort position in every list: ISO time, then id to break ties. */
export const position = (c: Pick<Comment, 'createdAt' | 'id'>) => `${c.createdAt}#${c.id}`;
export const idFromPosition = (p: string) => p.slice(p.lastIndexOf('#') + 1);

/** Sort position by risk: the highest score as a fixed-width decimal ("0.930"), then the usual position. */
export const riskPosition = (c: Pick<Comment, 'createdAt' | 'id' | 'reasons'>) => `${riskOf(c.reasons).toFixed(3)}#${position(c)}`;

/** The partition of the byArticleStatus index that holds one article's comments in one status. */
export const articleStatusPartition = (articleId: string, status: CommentStatus) => `${articleId}#${status}`;

/** The index attributes a comment carries in a given status. */
export function indexAttributes(
  c: Pick<Comment, 'articleId' | 'createdAt' | 'id' | 'reasons'>,
  status: CommentStatus,
): Record<string, string> {
  const { published, byStatus, byRisk, byArticleStatus } = INDEXES;
  const attributes: Record<string, string> = {};
  attributes[byStatus.partitionKey.name] = status;
  attributes[byStatus.sortKey.name] = position(c);
  attributes[byRisk.sortKey.name] = riskPosition(c);
  attributes[byArticleStatus.partitionKey.name] = articleStatusPartition(c.articleId, status);
  attributes[byArticleStatus.sortKey.name] = position(c);
  // Only approved comments are in the public index (sparse).
  if (status === 'approved') {
    attributes[published.partitionKey.name] = c.articleId;
    attributes[published.sortKey.name] = position(c);
  }
  return attributes;
}

/** The attributes of a comment's reports; approving a comment removes them (and so takes it off the Reported list). */
export const REPORT_ATTRIBUTES = [
  'reports',
  'reportCount',
  'reportedAt',
  INDEXES.reported.partitionKey.name,
  INDEXES.reported.sortKey.name,
] as const;
/** The one partition of the reported index. */
export const REPORTED_PARTITION = 'reported';

/** The public index's attributes, which a comment loses when it leaves `approved`. */
export const PUBLISHED_ATTRIBUTES = [INDEXES.published.partitionKey.name, INDEXES.published.sortKey.name] as const;

export function commentItem(c: Comment) {
  return { ...keys.comment(c.id), type: ITEM_TYPE.comment, ...c, ...indexAttributes(c, c.status) };
}

export function publicCommentFromItem(item: Record<string, unknown>): PublicComment {
  return {
    id: item.id as string,
    parentId: (item.parentId as string | null | undefined) ?? null,
    author: item.author as string,
    url: (item.url as string | null | undefined) ?? null,
    comment: item.comment as string,
    createdAt: item.createdAt as string,
  };
}

export function commentFromItem(item: Record<string, unknown>): Comment {
  return {
    ...publicCommentFromItem(item),
    articleId: item.articleId as string,
    status: item.status as CommentStatus,
    updatedAt: item.updatedAt as string,
    version: Number(item.version),
    reasons: (item.reasons as Comment['reasons'] | undefined) ?? [],
    ...(item.reports ? { reports: item.reports as NonNullable<Comment['reports']> } : {}),
    ...(item.reportedAt ? { reportedAt: String(item.reportedAt) } : {}),
    ...triageOf(item),
  };
}

function triageOf(item: Record<string, unknown>): Pick<Comment, 'triage'> {
  const triage = triageRecordOf(item[TRIAGE_ATTRIBUTE]);
  return triage ? { triage } : {};
}

export function contactItem(contact: Contact, c: Pick<Comment, 'createdAt' | 'id' | 'articleId'>) {
  return {
    ...keys.contact(contact.commentId),
    type: ITEM_TYPE.contact,
    ...contact,
    articleId: c.articleId,
    createdAt: c.createdAt,
    [INDEXES.byEmailHash.partitionKey.name]: contact.emailHash,
    [INDEXES.byEmailHash.sortKey.name]: position(c),
  };
}

export function contactFromItem(item: Record<string, unknown>): Contact {
  return {
    commentId: item.commentId as string,
    email: item.email as string,
    emailHash: item.emailHash as string,
    guardKeys: (item.guardKeys as string[] | undefined) ?? [],
    ...(item.notifyReplies === true ? { notifyReplies: true } : {}),
    ...(typeof item.addressHash === 'string' ? { addressHash: item.addressHash } : {}),
  };
}

export function historyItem(commentId: string, version: number, entry: HistoryEntry) {
  return { ...keys.history(commentId, entry.at, version), type: ITEM_TYPE.history, commentId, ...entry };
}

export function historyFromItem(item: Record<string, unknown>): HistoryEntry {
  return {
    at: item.at as string,
    actor: item.actor as string,
    from: (item.from as HistoryEntry['from']) ?? null,
    to: item.to as HistoryEntry['to'],
    reason: (item.reason as string | null | undefined) ?? null,
    rule: (item.rule as string | null | undefined) ?? null,
  };
}
