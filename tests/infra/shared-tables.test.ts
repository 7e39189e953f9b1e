/**
 * The stack follows the shared tables in lambda/routes.ts: a route added to
 * ROUTES becomes a method and a function, and a stream consumer added to
 * STREAM_CONSUMERS becomes a function on the table stream with its topic.
 * (The local server's half of the route test lives with the local runtime.)
 */
import { describe, expect, it } from 'vitest';
import type { StreamConsumer } from '../../lambda/background-functions';
import { ROUTES, type Route } from '../../lambda/routes';
import { apiMethods, integratedFunction, logicalIdOf, referencedId, resourcesOf, synthesize } from './support';

const PROBE_ROUTE: Route = {
  name: 'ProbeArticleStats',
  method: 'GET',
  path: '/articles/{articleId}/stats',
  entry: 'lambda/handlers/list-comments.ts',
  auth: 'public',
  access: ['published:query'],
};

const PROBE_CONSUMER: StreamConsumer = {
  name: 'ProbeNotifier',
  entry: 'lambda/handlers/list-comments.ts',
  table: 'Comments',
  access: [],
  needs: ['notifyTopic'],
};

// Each test builds a stack of its own (its props differ), 20-30 s on two busy cores: 90 s each.
describe('route table', () => {
  it('a route added to the table shows up as a method with its own function and grants', { timeout: 90_000 }, () => {
    const { stack, template } = synthesize({ routes: [...ROUTES, PROBE_ROUTE] });
    const probe = apiMethods(template).find((m) => m.method === 'GET' && m.path === PROBE_ROUTE.path);
    expect(probe).toBeDefined();
    expect(probe!.properties.AuthorizationType).toBe('NONE');
    const fnId = logicalIdOf(stack, `${PROBE_ROUTE.name}/Function`);
    expect(integratedFunction(probe!, template)).toBe(fnId);
    const policy = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).find((p) =>
      p.Properties.Roles.some((r: unknown) => referencedId(r) === logicalIdOf(stack, `${PROBE_ROUTE.name}/Role`)),
    );
    expect(JSON.stringify(policy)).toContain('/index/published');
  });

  it('a route removed from the table disappears from the API', { timeout: 90_000 }, () => {
    const [removed, ...rest] = ROUTES;
    const { template } = synthesize({ routes: rest });
    const paths = apiMethods(template)
      .filter((m) => m.method !== 'OPTIONS')
      .map((m) => `${m.method} ${m.path}`);
    expect(paths).not.toContain(`${removed!.method} ${removed!.path}`);
    expect(paths).toHaveLength(rest.length);
  });
});

describe('stream consumers', () => {
  it('with none, the stack has no event source and no notification topic', { timeout: 90_000 }, () => {
    const { template } = synthesize({ streamConsumers: [] });
    expect(Object.keys(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'))).toHaveLength(0);
    expect(Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))).toHaveLength(1); // alarms only
  });

  it('a consumer reads the comments stream in batches, isolates failures and may publish to an encrypted topic', {
    timeout: 90_000,
  }, () => {
    const { stack, template } = synthesize({ streamConsumers: [PROBE_CONSUMER] });
    const fnId = logicalIdOf(stack, `${PROBE_CONSUMER.name}/Function`);
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]!.Properties;
    expect(referencedId(mapping.FunctionName)).toBe(fnId);
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, 'Data/Comments'), 'StreamArn'] });
    expect(mapping).toMatchObject({
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 60,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      StartingPosition: 'LATEST',
    });
    const failureQueue = logicalIdOf(stack, `StreamConsumers/${PROBE_CONSUMER.name}Failures`);
    expect(mapping.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [failureQueue, 'Arn'] });

    const topics = resourcesOf(template, 'AWS::SNS::Topic');
    const notifyTopic = logicalIdOf(stack, 'Notifications/ModeratorNotifications');
    expect(topics[notifyTopic]!.Properties.KmsMasterKeyId).toBeDefined();
    const env = resourcesOf(template, 'AWS::Lambda::Function')[fnId]!.Properties.Environment.Variables;
    expect(env.NOTIFY_TOPIC_ARN).toEqual({ Ref: notifyTopic });
    expect(JSON.stringify(env.CONSOLE_URL)).toContain('/admin');

    const policy = JSON.stringify(
      Object.values(resourcesOf(template, 'AWS::IAM::Policy')).find((p) =>
        p.Properties.Roles.some((r: unknown) => referencedId(r) === logicalIdOf(stack, `${PROBE_CONSUMER.name}/Role`)),
      ),
    );
    expect(policy).toContain('sns:Publish');
    expect(policy).toContain('dynamodb:GetRecords');
    // No table data access beyond the stream records it is handed.
    expect(policy).not.toMatch(/dynamodb:(GetItem|Query|PutItem|UpdateItem|DeleteItem|BatchGetItem)/);
  });
});
