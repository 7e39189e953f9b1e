/** The comment named in a route's path, and the version a request may name in its query: no body, so no schema library. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { badRequest, notFound } from '../domain/errors';
import { COMMENT_ID_PATTERN } from '../domain/submission-rules';
import { pathParam } from './request';

/** The comment id from the path; a malformed id cannot exist, so it is a 404 like any unknown id. */
export function commentIdParam(event: APIGatewayProxyEvent): string {
  const id = pathParam(event, 'id');
  if (!COMMENT_ID_PATTERN.test(id)) throw notFound();
  return id;
}

export function expectedVersionQuery(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw badRequest('expectedVersion must be a whole number of at least 1.');
  return Number(raw);
}
