/**
 * Keys of the guard items the store takes atomically with a new comment.
 * All are keyed hashes or contain one, so they reveal nothing without the
 * key; the privacy eraser rebuilds the email's flood key from here too.
 */
import type { KeyedHasher } from './keyed-hash';

/** Duplicate locks: same article, parent and text, and the same email or the same name. */
export function duplicateKeys(
  hasher: KeyedHasher,
  scope: { articleId: string; parentId: string | null; comment: string },
  emailHash: string,
  author: string,
): string[] {
  const base = [scope.articleId, scope.parentId ?? '', scope.comment];
  return [
    `dup:${hasher.hash('duplicate', JSON.stringify([...base, 'email', emailHash]))}`,
    `dup:${hasher.hash('duplicate', JSON.stringify([...base, 'author', author]))}`,
  ];
}

export const emailFloodKey = (emailHash: string): string => `flood:email:${emailHash}`;

/** Flood locks: one per email and one per client address (when known). */
export function floodKeys(hasher: KeyedHasher, emailHash: string, clientIp: string | null): string[] {
  return [emailFloodKey(emailHash), ...(clientIp ? [`flood:ip:${hasher.hash('ip', clientIp)}`] : [])];
}
