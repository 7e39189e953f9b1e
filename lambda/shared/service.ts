/** Builds the services once per cold start from the environment, with only the secrets a route was granted. */
import { classifierSourceFromEnvironment } from '../adapters/classifiers/source';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbCommentStore } from '../adapters/dynamodb/comment-store';
import { TABLE_ENV } from '../adapters/dynamodb/schema';
import { DynamoDbTriageStore } from '../adapters/dynamodb/triage-store';
import { CommentService } from '../domain/comment-service';
import { CursorCodec } from '../domain/cursor';
import { KeyedHasher } from '../domain/keyed-hash';
import { PrivacyService } from '../domain/privacy-service';
import { Subscriptions } from '../domain/reply-notifications/subscriptions';
import { SubscriptionTokens } from '../domain/reply-notifications/tokens';
import type { Access } from '../routes';
import { secretKey } from './keys';
import { EmfModerationMetrics } from './observability';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} environment variable is not set`);
  return value;
}

let client: DynamoDBDocumentClient | undefined;
const documentClient = () => (client ??= createDocumentClient());
const tableNames = () => ({ comments: requiredEnv(TABLE_ENV.Comments), private: requiredEnv(TABLE_ENV.Private) });

let store: DynamoDbCommentStore | undefined;
export function commentStore(): DynamoDbCommentStore {
  store ??= new DynamoDbCommentStore(documentClient(), tableNames());
  return store;
}

let triage: DynamoDbTriageStore | undefined;
/** The site model and the Triage page's counters (functions granted triage:read / triage:write). */
export function triageStore(): DynamoDbTriageStore {
  triage ??= new DynamoDbTriageStore({ db: documentClient(), tables: tableNames() });
  return triage;
}

/** SETTINGS_CACHE_SECONDS (default 5; the local runtime sets 0 so a change applies at once). */
export function settingsCacheMs(): number {
  const seconds = Number(process.env.SETTINGS_CACHE_SECONDS ?? '5');
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** What a route's logic works with: built with exactly the secrets its access list names. */
export interface RouteServices {
  readonly comments: CommentService;
  /** Only for routes granted `secret:hashKey` (privacy requests find an address by its keyed hash). */
  readonly privacy: PrivacyService;
  /** Confirm and unsubscribe links; only for routes granted `secret:hashKey` (the tokens are signed with it). */
  readonly subscriptions: Subscriptions;
}

const built = new Map<string, Promise<RouteServices>>();

/** The services for a route's access list, once per cold start. */
export function servicesFor(access: readonly Access[]): Promise<RouteServices> {
  const hashKey = access.includes('secret:hashKey');
  const cursorKey = access.includes('secret:cursorKey');
  const id = `${hashKey ? 'h' : ''}${cursorKey ? 'c' : ''}`;
  let services = built.get(id);
  if (!services) {
    services = Promise.all([hashKey ? secretKey('HASH_KEY') : undefined, cursorKey ? secretKey('CURSOR_KEY') : undefined]).then(
      ([hash, cursor]) => build(hash, cursor),
    );
    services.catch(() => built.delete(id));
    built.set(id, services);
  }
  return services;
}

function build(hashKey: string | undefined, cursorKey: string | undefined): RouteServices {
  const store = commentStore();
  const hasher = hashKey ? new KeyedHasher(hashKey) : undefined;
  const comments = new CommentService({
    store,
    hasher,
    cursors: cursorKey ? new CursorCodec(new KeyedHasher(cursorKey)) : undefined,
    settingsCacheMs: settingsCacheMs(),
    metrics: new EmfModerationMetrics(),
    classifiers: classifierSourceFromEnvironment(),
  });
  let privacy: PrivacyService | undefined;
  let subscriptions: Subscriptions | undefined;
  return {
    comments,
    get privacy() {
      if (!hasher) throw new Error('this function was not granted secret:hashKey');
      privacy ??= new PrivacyService({ store, hasher });
      return privacy;
    },
    get subscriptions() {
      if (!hasher) throw new Error('this function was not granted secret:hashKey');
      subscriptions ??= new Subscriptions({ store, hasher, tokens: new SubscriptionTokens(hasher) });
      return subscriptions;
    },
  };
}
