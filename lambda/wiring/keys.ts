/**
 * The service's secret keys. Locally they come from the environment (the
 * local runtime generates and keeps them in DATA_DIR); in the cloud from
 * Secrets Manager, fetched once per cold start. Each function is granted
 * only the secrets its route declares.
 */

import { envOptional } from '../environment';
import { perKeyUntilFailure } from './once';

export function secretKey(name: 'HASH_KEY' | 'CURSOR_KEY' | 'AKISMET_API_KEY'): Promise<string> {
  const direct = envOptional(name);
  if (direct) return Promise.resolve(direct);
  const arn = envOptional(`${name}_SECRET_ARN`);
  if (!arn) return Promise.reject(new Error(`${name} (or ${name}_SECRET_ARN) is not set`));
  return secretAt(arn);
}

/** Loaded on first use only: locally (keys in the environment) the client is never evaluated. */
const secretAt = perKeyUntilFailure(async (arn: string): Promise<string> => {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error(`the secret at ${arn} is empty`);
  return result.SecretString;
});
