/**
 * docs/deploy.md, checked against what it describes: its `-c` settings are
 * settings the stack reads, every stack output its commands read exists (and
 * the outputs it says a deploy prints are exactly those of the template), the
 * group it adds moderators to is the one the API checks, and the replay of
 * failed stream batches turns a sample `get-records` answer into the batch
 * the stream dispatcher decodes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR_GROUP } from '../../lambda/http/auth';
import { streamDispatcher } from '../../lambda/handlers/stream-dispatcher';
import { readConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/constructs/service-function';
import { resourcesOf, synthesize, type Synthesized } from './support';

const page = readFileSync(join(PROJECT_ROOT, 'docs', 'deploy.md'), 'utf8');
const shellBlocks = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const commands = shellBlocks.join('\n').replace(/\\\n\s*/g, ' ');
const deploys = commands.split('\n').filter((line) => line.startsWith('npx cdk deploy'));

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});

describe('docs/deploy.md', () => {
  it('says plainly that it was never run against a real account', () => {
    expect(page).toMatch(/\*\*Never run against a real AWS account\.\*\*/);
  });

  it('deploys first without deletion protection, then with it, with settings the stack reads', () => {
    expect(deploys.length).toBeGreaterThanOrEqual(2);
    const contextOf = (line: string) => Object.fromEntries([...line.matchAll(/-c (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    const known = new Set(Object.keys(readConfig(new App().node)));
    for (const line of deploys) for (const key of Object.keys(contextOf(line))) expect(known, key).toContain(key);
    const [first, second] = deploys.map((line) => readConfig(new App({ context: contextOf(line) }).node));
    expect(first!.deletionProtection).toBe(false);
    expect(second!.deletionProtection).toBe(true);
    expect(first!.allowedOrigins).toEqual(second!.allowedOrigins);
    expect(page.indexOf(deploys[0]!.slice(0, 40))).toBeLessThan(page.indexOf('## 3.'));
  });

  it('reads only outputs the stack has, and lists every output a default deploy prints', () => {
    // The stack's own outputs (CDK adds the REST API's endpoint under a generated id, the same URL as ApiUrl).
    const outputs = Object.keys(synth.template.toJSON().Outputs).filter((id) => !/[0-9A-F]{8}$/.test(id));
    const read = [
      ...[...commands.matchAll(/\$\(out (\w+)\)/g)].map((m) => m[1]!),
      ...[...commands.matchAll(/OutputKey=="(\w+)"/g)].map((m) => m[1]!),
    ];
    expect(read.length).toBeGreaterThan(5);
    for (const name of read) expect(outputs, name).toContain(name);
    const printed = /The deploy prints\s+the\s+outputs([\s\S]*?)\.\s+Each/.exec(page)?.[1] ?? '';
    expect([...printed.matchAll(/`(\w+)`/g)].map((m) => m[1]).sort()).toEqual([...outputs].sort());
  });

  it('names the stack, the moderators group and the failed-batch alarm as the stack does', () => {
    expect(commands).toContain('--stack-name CommentModeration');
    expect(readFileSync(join(PROJECT_ROOT, 'bin', 'app.ts'), 'utf8')).toContain("?? 'CommentModeration'");
    expect([...commands.matchAll(/--group-name (\S+)/g)].map((m) => m[1])).toEqual([MODERATOR_GROUP]);
    const alarm = /`(\w+FailedBatches)`/.exec(page)?.[1];
    expect(Object.keys(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).some((id) => id.includes(alarm!))).toBe(true);
  });
});

describe("the replay of a failed stream batch (step 6's jq, run on sample answers)", () => {
  const jqOf = (pattern: RegExp) => {
    const found = pattern.exec(commands)?.[1];
    expect(found).toBeDefined();
    return found!;
  };
  const jq = (args: string[], input: unknown) => execFileSync('jq', args, { input: JSON.stringify(input), encoding: 'utf8' });

  // Lambda's on-failure record for a DynamoDB stream, as the Lambda developer guide documents it.
  const failure = {
    requestContext: { requestId: 'r1', functionArn: 'arn:aws:lambda:eu-west-1:1:function:f', condition: 'RetryAttemptsExhausted' },
    version: '1.0',
    DDBStreamBatchInfo: {
      shardId: 'shardId-000',
      startSequenceNumber: '9800',
      endSequenceNumber: '10200',
      batchSize: 3,
      streamArn: 'arn:aws:dynamodb:eu-west-1:1:table/Comments/stream/2030',
    },
  };
  const S = (value: string) => ({ S: value });
  const comment = (id: string, status: string) => ({
    type: S('comment'),
    id: S(id),
    articleId: S('story'),
    status: S(status),
    author: S('Ada'),
    comment: S('Hi'),
  });
  const record = (sequence: string, id: string) => ({
    eventID: `e${sequence}`,
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: sequence,
      OldImage: comment(id, 'approved'),
      NewImage: comment(id, 'rejected'),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  });

  it('reads the failed range from the queue message, keeps only its records, and the dispatcher decodes them', async () => {
    const info = JSON.parse(jq(['-r', jqOf(/jq -r '(\.Body \| fromjson \| \.DDBStreamBatchInfo)'/)], { Body: JSON.stringify(failure) }));
    expect(info.startSequenceNumber).toBe('9800');
    // get-records from the start of the range returns it and whatever followed (10300 is past the range).
    const answer = { Records: [record('9800', 'c1'), record('10100', 'c2'), record('10200', 'c3'), record('10300', 'c4')] };
    const filter = jqOf(/jq --arg upto .*?'(\{Records[^']+)'/);
    const batch = JSON.parse(jq(['--arg', 'upto', info.endSequenceNumber, filter], answer));
    expect(batch.Records.map((r: { dynamodb: { SequenceNumber: string } }) => r.dynamodb.SequenceNumber)).toEqual([
      '9800',
      '10100',
      '10200',
    ]);

    const seen: string[] = [];
    const dispatch = streamDispatcher(async () => [
      { name: 'Purge', run: async (changes) => void seen.push(...changes.map((c) => c.before!.id)) },
    ]);
    expect(await dispatch(batch)).toEqual({ changes: 3, consumers: ['Purge'] });
    expect(seen).toEqual(['c1', 'c2', 'c3']);
  });
});
