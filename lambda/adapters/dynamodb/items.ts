/**
 * Item layouts: how domain objects become DynamoDB items and back. Key
 * prefixes keep the item types of one table apart.
 */
import type { Comment, CommentStatus, Contact, HistoryEntry, PublicComment } from '../../domain/comment';

export const keys = {
  comment: (id: string) => ({ PK: `C#${id}`, SK: 'C' }),
  history: (id: string, at: string, version: number) => ({ PK: `C#${id}`, SK: `H#${at}#${String(version).padStart(6, '0')}` }),
  settings: () => ({ PK: 'SETTINGS', SK: 'SITE' }),
  article: (articleId: string) => ({ PK: `A#${articleId}`, SK: 'ARTICLE' }),
  contact: (id: string) => ({ PK: `C#${id}`, SK: 'CONTACT' }),
  guard: (key: string) => ({ PK: `G#${key}`, SK: 'G' }),
  author: (emailHash: string) => ({ PK: `AUTHOR#${emailHash}`, SK: 'STATS' }),
};

/** Sort position in every list: ISO time, then id to break ties. */
export const position = (c: Pick<Comment, 'createdAt' | 'id'>) => `${c.createdAt}#${c.id}`;
export const idFromPosition = (p: string) => p.slice(p.lastIndexOf('#') + 1);

/** The index attributes a comment carries in a given status. */
export function indexAttributes(c: Pick<Comment, 'articleId' | 'createdAt' | 'id'>, status: CommentStatus) {
  return {
    STATUS_PK: status,
    STATUS_SK: position(c),
    ART_STATUS_PK: `${c.articleId}#${status}`,
    // Only approved comments are in the public index (sparse).
    ...(status === 'approved' ? { PUB_PK: c.articleId, PUB_SK: position(c) } : {}),
  };
}

export function commentItem(c: Comment) {
  return { ...keys.comment(c.id), type: 'comment', ...c, ...indexAttributes(c, c.status) };
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
  };
}

export function contactItem(contact: Contact, c: Pick<Comment, 'createdAt' | 'id' | 'articleId'>) {
  return {
    ...keys.contact(contact.commentId),
    type: 'contact',
    ...contact,
    articleId: c.articleId,
    createdAt: c.createdAt,
    EMAIL_PK: contact.emailHash,
    EMAIL_SK: position(c),
  };
}

export function contactFromItem(item: Record<string, unknown>): Contact {
  return {
    commentId: item.commentId as string,
    email: item.email as string,
    emailHash: item.emailHash as string,
    guardKeys: (item.guardKeys as string[] | undefined) ?? [],
  };
}

export function historyItem(commentId: string, version: number, entry: HistoryEntry) {
  return { ...keys.history(commentId, entry.at, version), type: 'history', commentId, ...entry };
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
