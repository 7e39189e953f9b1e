/**
 * The service's secret keys. Locally they come from the environment (the
 * local runtime generates and keeps them in DATA_DIR); in the cloud from
 * Secrets Manager, fetched once per cold start. Each function is granted
 * only the secrets its route declares.
 */

import { envOptional } from '../environment';

const cache = new Map<string, Promise<string>>();

export function secretKey(name: 'HASH_KEY' | 'CURSOR_KEY' | 'AKISMET_API_KEY'): Promise<string> {
  const direct = envOptional(name);
  if (direct) return Promise.resolve(direct);
  const arn = envOptional(`${name}_SECRET_ARN`);
  if (!arn) return Promise.reject(new Error(`${name} (or ${name}_SECRET_ARN) is not set`));
  let value = cache.get(arn);
  if (!value) {
    value = fetchSecret(arn, name);
    value.catch(() => cache.delete(arn));
    cache.set(arn, value);
  }
  return value;
}

/** Loaded on first use only: locally (keys in the environment) the client is never evaluated. */
async function fetchSecret(arn: string, name: string): Promise<string> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error(`secret ${name} is empty`);
  return result.SecretString;
}
