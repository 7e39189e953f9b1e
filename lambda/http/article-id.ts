import type { APIGatewayProxyEvent } from 'aws-lambda';
import { badRequest } from '../domain/errors';
import { ARTICLE_ID_PATTERN } from '../domain/submission-rules';
import { pathParam } from './request';

/** The article id from the path: 1–128 of A-Z a-z 0-9 - _ . (anything else is 400). */
export function articleIdParam(event: APIGatewayProxyEvent): string {
  const articleId = pathParam(event, 'articleId');
  if (!ARTICLE_ID_PATTERN.test(articleId))
    throw badRequest('The article id must be 1 to 128 characters of A-Z, a-z, 0-9, "-", "_" or ".".');
  return articleId;
}
