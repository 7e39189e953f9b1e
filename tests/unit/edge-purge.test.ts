/** The purge stream handler: which records purge which article; CloudFront invalidations of at most 15 wildcard paths, retried when busy, never resent once accepted. */
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudFrontInvalidationPurger, type PurgeRetry } from '../../lambda/adapters/cloudfront/invalidation-purger';
import { commentChangesOf } from '../../lambda/adapters/dynamodb/comment-changes';
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
    expect(articlesToPurge(commentChangesOf(event)).sort()).toEqual(['a', 'b', 'c']);
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
    expect(articlesToPurge(commentChangesOf(event))).toEqual([]);
  });
});

describe('CloudFront purge', () => {
  const cloudFront = mockClient(CloudFrontClient);
  afterEach(() => cloudFront.reset());
  const pauses: number[] = [];
  const retry: PurgeRetry = { attempts: 4, firstDelayMs: 1_000, sleep: async (ms) => void pauses.push(ms) };
  const purgerWith = () => new CloudFrontInvalidationPurger('E123EXAMPLE', '/api', new CloudFrontClient({ region: 'us-east-1' }), retry);
  const accepted = { Invalidation: { Id: 'I1', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } };
  const busy = () => Object.assign(new Error('Rate exceeded'), { name: 'TooManyInvalidationsInProgress' });
  const removals = (count: number) =>
    batch(...Array.from({ length: count }, (_, i) => record('REMOVE', comment(`story-${i}`, 'approved'))));
  const sentPaths = () => cloudFront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input.InvalidationBatch!.Paths!);

  it("sends one CreateInvalidation per batch with each article's list path as a wildcard, once per article", async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(accepted);
    const result = await purgeEdgeCache(purgerWith)(
      batch(
        record('MODIFY', comment('story-1', 'approved'), comment('story-1', 'rejected')),
        record('REMOVE', comment('story-1', 'approved')),
        record('REMOVE', comment('story-2', 'approved')),
      ),
    );
    expect(result.purged.sort()).toEqual(['story-1', 'story-2']);
    expect(sentPaths()).toEqual([{ Quantity: 2, Items: ['/api/articles/story-1/comments*', '/api/articles/story-2/comments*'] }]);
    expect(cloudFront.commandCalls(CreateInvalidationCommand)[0]!.args[0].input.DistributionId).toBe('E123EXAMPLE');
  });

  it('splits 40 articles into invalidations of at most 15 wildcard paths, each path sent once', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(accepted);
    await purgeEdgeCache(purgerWith)(removals(40));
    const sent = sentPaths();
    expect(sent.map((p) => p.Quantity)).toEqual([15, 15, 10]);
    const items = sent.flatMap((p) => p.Items!);
    expect(new Set(items).size).toBe(40);
  });

  it('retries a chunk CloudFront finds busy, with growing pauses, without resending the chunks it accepted', async () => {
    pauses.length = 0;
    cloudFront.on(CreateInvalidationCommand).resolvesOnce(accepted).rejectsOnce(busy()).rejectsOnce(busy()).resolves(accepted);
    await purgeEdgeCache(purgerWith)(removals(20));
    const calls = cloudFront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input.InvalidationBatch!);
    expect(calls.map((c) => c.Paths!.Quantity)).toEqual([15, 5, 5, 5]);
    expect(pauses).toEqual([1_000, 2_000]);
    // The retried chunk keeps its caller reference: CloudFront counts it as one request, not three.
    expect(new Set(calls.slice(1).map((c) => c.CallerReference)).size).toBe(1);
    expect(calls[0]!.CallerReference).not.toBe(calls[1]!.CallerReference);
  });

  it('fails the batch when CloudFront stays busy, so the stream retries it rather than leave a removed comment cached', async () => {
    cloudFront.on(CreateInvalidationCommand).rejects(busy());
    await expect(purgeEdgeCache(purgerWith)(removals(1))).rejects.toThrow('Rate exceeded');
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(retry.attempts);
  });

  it('sends nothing for a batch with nothing to purge', async () => {
    await purgeEdgeCache(purgerWith)(batch(record('INSERT', undefined, comment('a', 'pending'))));
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});
