/**
 * Local stand-ins for the two AWS APIs a deployed function calls besides
 * DynamoDB, speaking their documented wire protocols so the bundled SDK
 * clients run unchanged (pointed here by AWS_ENDPOINT_URL_SECRETS_MANAGER
 * and AWS_ENDPOINT_URL_SNS):
 *   Secrets Manager GetSecretValue  (JSON 1.1, X-Amz-Target: secretsmanager.GetSecretValue)
 *   SNS Publish                     (query protocol: form-encoded Action=Publish, XML answer)
 * Published messages go to the local outbox, as the source runtime's notifier writes them.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { NotificationPublisher } from '../../lambda/domain/ports/notification-publisher';

export interface StandInOptions {
  /** Secret ARN -> its value (SecretString). */
  secrets: ReadonlyMap<string, string>;
  /** Topic ARN -> where its messages go. */
  topics: ReadonlyMap<string, NotificationPublisher>;
}

export interface AwsStandIns {
  endpoint: string;
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() });
  res.end(JSON.stringify(body));
}

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
  res.end(`<?xml version="1.0"?>\n${body}`);
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function getSecretValue(res: ServerResponse, body: string, secrets: StandInOptions['secrets']): void {
  const secretId = (JSON.parse(body || '{}') as { SecretId?: string }).SecretId ?? '';
  const value = secrets.get(secretId);
  if (value === undefined) {
    json(res, 400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    return;
  }
  json(res, 200, {
    ARN: secretId,
    Name: secretId.split(':').pop(),
    SecretString: value,
    VersionId: '00000000-0000-4000-8000-000000000000',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 0,
  });
}

async function publish(res: ServerResponse, body: string, topics: StandInOptions['topics']): Promise<void> {
  const form = new URLSearchParams(body);
  const requestId = randomUUID();
  const topic = topics.get(form.get('TopicArn') ?? '');
  if (form.get('Action') !== 'Publish' || !topic) {
    const [code, message] = topic ? ['InvalidAction', 'Only Publish is served locally.'] : ['NotFound', 'Topic does not exist'];
    xml(
      res,
      topic ? 400 : 404,
      `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
    return;
  }
  await topic.publish({ subject: form.get('Subject') ?? '', message: form.get('Message') ?? '' });
  xml(
    res,
    200,
    `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
  );
}

export async function startAwsStandIns(options: StandInOptions): Promise<AwsStandIns> {
  const server: Server = createServer((req, res) => {
    bodyOf(req)
      .then(async (body) => {
        const target = req.headers['x-amz-target'];
        if (target === 'secretsmanager.GetSecretValue') getSecretValue(res, body, options.secrets);
        else if (target) json(res, 400, { __type: 'UnknownOperationException', message: `${target} is not served locally.` });
        else await publish(res, body, options.topics);
      })
      .catch((error: unknown) => {
        if (!res.headersSent)
          json(res, 500, { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) });
        res.end();
      });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
