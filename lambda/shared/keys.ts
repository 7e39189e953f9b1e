/**
 * The service's secret keys. Locally they come from the environment (the
 * local runtime generates and keeps them in DATA_DIR); in the cloud from
 * Secrets Manager, fetched once per cold start. Each function is granted
 * only the secrets its route declares.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const cache = new Map<string, Promise<string>>();

export function secretKey(name: 'HASH_KEY' | 'CURSOR_KEY'): Promise<string> {
  const direct = process.env[name];
  if (direct) return Promise.resolve(direct);
  const arn = process.env[`${name}_SECRET_ARN`];
  if (!arn) return Promise.reject(new Error(`${name} (or ${name}_SECRET_ARN) is not set`));
  let value = cache.get(arn);
  if (!value) {
    value = new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn })).then((r) => {
      if (!r.SecretString) throw new Error(`secret ${name} is empty`);
      return r.SecretString;
    });
    value.catch(() => cache.delete(arn));
    cache.set(arn, value);
  }
  return value;
}
