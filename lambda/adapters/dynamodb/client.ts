/**
 * The one DynamoDB client. Standard retry mode with short timeouts, so an
 * outage surfaces as a 503 within about 6.5 s (3 attempts of at most 2 s
 * plus back-off), well inside a browser's patience and API Gateway's 29 s,
 * instead of a hang. DYNAMODB_ENDPOINT points it at DynamoDB Local.
 *
 * The timeouts that act: `connectionTimeout` (TCP connect) and
 * `socketTimeout` (no byte from DynamoDB for that long). The SDK's
 * `requestTimeout` only logs a warning unless `throwOnRequestTimeout` is set,
 * and it also counts time spent queued for a socket, so it is not used.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { envOptional, envString } from '../../environment';

export function createDocumentClient(endpoint = envOptional('DYNAMODB_ENDPOINT')): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint, region: envString('AWS_REGION'), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 2_000 },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
