/** The list routes' query parameters: page size and status. */
import { COMMENT_STATUSES, type CommentStatus } from '../domain/comment';
import { badRequest } from '../domain/errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE_SIZE) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return Number(raw);
}

export type ListSort = 'time' | 'risk';

/** `risk`: highest classifier score first (the whole queue, not one article); by time when left out. */
export function parseSort(raw: string | undefined, articleId: string | undefined): ListSort {
  if (raw === undefined || raw === '' || raw === 'time') return 'time';
  if (raw !== 'risk') throw badRequest('sort must be "risk" or "time" (the default).');
  if (articleId) throw badRequest('sort=risk orders the whole list; leave out articleId.');
  return 'risk';
}
/** The moderators' lists: a status, or 'reported' (comments with readers' reports since their last approval). */
export const LIST_STATUSES = [...COMMENT_STATUSES, 'reported'] as const;
export type ListStatus = CommentStatus | 'reported';

/** Pending (the queue) when left out. */
export function parseStatus(raw: string | undefined): ListStatus {
  const status = raw === undefined || raw === '' ? 'pending' : raw;
  if ((LIST_STATUSES as readonly string[]).includes(status)) return status as ListStatus;
  throw badRequest(`status must be one of ${LIST_STATUSES.join(', ')}.`);
}
