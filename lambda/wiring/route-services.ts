/**
 * Builds a route's services once per cold start, with exactly the secrets its
 * access list names (lambda/routes.ts): the hash key keys emails, addresses
 * and tokens; the cursor key signs page cursors. Each route's module under
 * ./routes/ says what it builds; the handler names that module, so its
 * bundle holds that use case and the adapters it needs, nothing else.
 */
import { CursorCodec } from '../domain/cursor';
import { KeyedHasher } from '../domain/keyed-hash';
import type { Access } from '../routes';
import { secretKey } from './keys';
import { perKeyUntilFailure } from './once';

export interface FunctionKeys {
  /** Only for routes granted `secret:hashKey`. */
  readonly hasher: KeyedHasher | undefined;
  /** Only for routes granted `secret:cursorKey`. */
  readonly cursors: CursorCodec | undefined;
}

/** A route's services for its access list. */
export type ServicesFor<Services> = (access: readonly Access[]) => Promise<Services>;

/** The services `build` makes, once per set of secrets held (the local runtime serves every route from one process). */
export function servicesFrom<Services>(build: (keys: FunctionKeys) => Services): ServicesFor<Services> {
  const bySecrets = perKeyUntilFailure(async (held: string): Promise<Services> => {
    const [hash, cursor] = await Promise.all([
      held.includes('h') ? secretKey('HASH_KEY') : undefined,
      held.includes('c') ? secretKey('CURSOR_KEY') : undefined,
    ]);
    return build({
      hasher: hash ? new KeyedHasher(hash) : undefined,
      cursors: cursor ? new CursorCodec(new KeyedHasher(cursor)) : undefined,
    });
  });
  return (access) => bySecrets(`${access.includes('secret:hashKey') ? 'h' : ''}${access.includes('secret:cursorKey') ? 'c' : ''}`);
}

/** The hash key, for the use cases that cannot work without it. */
export function grantedHasher(keys: FunctionKeys): KeyedHasher {
  if (!keys.hasher) throw new Error('this function was not granted secret:hashKey');
  return keys.hasher;
}

/** For routes whose logic needs no service. */
export const noServices: ServicesFor<Record<string, never>> = async () => ({});
