/** The purge stream handler: which records purge which article, one CloudFront invalidation per article, on documented shapes. */
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudFrontInvalidationPurger } from '../../lambda/adapters/cloudfront/invalidation-purger';
import { articlesToPurge, purgeEdgeCache } from '../../lambda/handlers/purge-edge-cache';

type Image = Record<string, { S: string }>;
const comment = (articleId: string, status: string, author = 'Ada'): Image => ({
  type: { S: 'comment' },
  articleId: { S: articleId },
  status: { S: status },
  author: { S: author },
  comment: { S: 'Text.' },
});
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', oldImage?: Image, newImage?: Image): DynamoDBRecord =>
  ({ eventName, dynamodb: { OldImage: oldImage, NewImage: newImage } }) as DynamoDBRecord;
const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('articlesToPurge', () => {
  it('purges an article when a published comment leaves it or changes what readers see, once per article', () => {
    const event = batch(
      record('MODIFY', comment('a', 'approved'), comment('a', 'rejected')),
      record('MODIFY', comment('a', 'approved'), comment('a', 'spam')),
      record('REMOVE', comment('b', 'approved')),
      record('MODIFY', comment('c', 'approved', 'Ada'), comment('c', 'approved', 'Anonymous')),
    );
    expect(articlesToPurge(event).sort()).toEqual(['a', 'b', 'c']);
  });

  it('does not purge for new comments, approvals, or changes to comments that were never public', () => {
    const event = batch(
      record('INSERT', undefined, comment('a', 'approved')),
      record('MODIFY', comment('b', 'pending'), comment('b', 'approved')),
      record('MODIFY', comment('c', 'pending'), comment('c', 'spam')),
      record('REMOVE', comment('d', 'rejected')),
      record('MODIFY', comment('e', 'approved'), comment('e', 'approved')),
      record('INSERT', undefined, { type: { S: 'history' }, articleId: { S: 'f' } }),
    );
    expect(articlesToPurge(event)).toEqual([]);
  });
});

describe('CloudFront purge', () => {
  const cloudFront = mockClient(CloudFrontClient);
  afterEach(() => cloudFront.reset());

  it("sends one CreateInvalidation per article per batch, of the article's list path with a wildcard, each with its own caller reference", async () => {
    cloudFront
      .on(CreateInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I1', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } });
    const purger = new CloudFrontInvalidationPurger('E123EXAMPLE', '/api', new CloudFrontClient({ region: 'us-east-1' }));
    const handler = purgeEdgeCache(() => purger);
    const result = await handler(
      batch(
        record('MODIFY', comment('story-1', 'approved'), comment('story-1', 'rejected')),
        record('REMOVE', comment('story-1', 'approved')),
        record('REMOVE', comment('story-2', 'approved')),
      ),
    );
    expect(result.purged.sort()).toEqual(['story-1', 'story-2']);
    const calls = cloudFront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls.map((input) => input.InvalidationBatch?.Paths).sort((x, y) => String(x?.Items).localeCompare(String(y?.Items)))).toEqual([
      { Quantity: 1, Items: ['/api/articles/story-1/comments*'] },
      { Quantity: 1, Items: ['/api/articles/story-2/comments*'] },
    ]);
    expect(calls.every((input) => input.DistributionId === 'E123EXAMPLE')).toBe(true);
    expect(new Set(calls.map((input) => input.InvalidationBatch?.CallerReference)).size).toBe(2);
  });

  it('fails the batch when CloudFront refuses, so the stream retries it rather than leave a removed comment cached', async () => {
    cloudFront.on(CreateInvalidationCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyInvalidationsInProgress' }));
    const purger = new CloudFrontInvalidationPurger('E123EXAMPLE', '/api', new CloudFrontClient({ region: 'us-east-1' }));
    await expect(purgeEdgeCache(() => purger)(batch(record('REMOVE', comment('story-1', 'approved'))))).rejects.toThrow('Rate exceeded');
  });

  it('sends nothing for a batch with nothing to purge', async () => {
    const purger = new CloudFrontInvalidationPurger('E123EXAMPLE', '/api', new CloudFrontClient({ region: 'us-east-1' }));
    await purgeEdgeCache(() => purger)(batch(record('INSERT', undefined, comment('a', 'pending'))));
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});
