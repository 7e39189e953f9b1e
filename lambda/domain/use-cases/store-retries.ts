/**
 * Writes that may meet a busy store. Comments of one author share their
 * counts item: should writes in flight still conflict, they are retried. So
 * is a server-side fault the SDK's own retries did not outlast (DynamoDB
 * Local answers a long wait for an item's lock with InternalServerError;
 * known by the `$fault` every AWS SDK error carries, so the domain imports no
 * SDK), and a comment changed meanwhile. Used by the import, whose many
 * writes per author meet such moments.
 */
import { DomainError } from '../errors';

const ATTEMPTS = 10;

export async function withRetries(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const serverFault = (error as { $fault?: string } | null)?.$fault === 'server';
      const busy =
        serverFault || (error instanceof DomainError && (error.code === 'ServiceUnavailable' || error.code === 'VersionConflict'));
      if (!busy || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6) * Math.random()));
    }
  }
}
