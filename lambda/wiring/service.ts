/**
 * Builds the services once per cold start from the environment, with only the
 * secrets a route was granted. The comment operations built here carry no
 * classifier; the submit route passes its own builder (./submission-service.ts)
 * so that only its bundle holds the moderation phases and the classifiers.
 */
import { enabledProvidersFromEnvironment } from '../adapters/classifiers/enabled';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { type DynamoDbStores, dynamoDbStores } from '../adapters/dynamodb/stores';
import { TABLE_ENV } from '../adapters/dynamodb/schema';
import { DynamoDbSiteModelStore } from '../adapters/dynamodb/site-model-store';
import { DynamoDbTriageStore } from '../adapters/dynamodb/triage-store';
import { CommentOperations, type ServiceDeps } from '../domain/comment-operations';
import { CursorCodec } from '../domain/cursor';
import { KeyedHasher } from '../domain/keyed-hash';
import { PrivacyService } from '../domain/privacy-service';
import { Subscriptions } from '../domain/reply-notifications/subscriptions';
import { SubscriptionTokens } from '../domain/reply-notifications/tokens';
import { envCount, envString, VARIABLES } from '../environment';
import type { Access } from '../routes';
import { secretKey } from './keys';
import { EmfModerationMetrics } from './observability';

let client: DynamoDBDocumentClient | undefined;
const documentClient = () => (client ??= createDocumentClient());
const tableNames = () => ({ comments: envString(TABLE_ENV.Comments), private: envString(TABLE_ENV.Private) });

let store: DynamoDbStores | undefined;
export function commentStore(): DynamoDbStores {
  store ??= dynamoDbStores(documentClient(), tableNames());
  return store;
}

let siteModel: DynamoDbSiteModelStore | undefined;
/** The site model for the functions that score: eventually consistent reads (the model changes a batch at a time). */
export function siteModelReader(): DynamoDbSiteModelStore {
  siteModel ??= new DynamoDbSiteModelStore({ db: documentClient(), tables: tableNames() }, { consistentRead: false });
  return siteModel;
}

let triage: DynamoDbTriageStore | undefined;
/** The site model and the Triage page's counters (functions granted triage:read / triage:write). */
export function triageStore(): DynamoDbTriageStore {
  triage ??= new DynamoDbTriageStore({ db: documentClient(), tables: tableNames() });
  return triage;
}

/**
 * How long a warm function reuses the site settings and an article's settings
 * it read: a change made in another function applies within this time.
 */
export const DEFAULT_SETTINGS_CACHE_SECONDS = Number(VARIABLES.SETTINGS_CACHE_SECONDS.default);

/** SETTINGS_CACHE_SECONDS (the local runtime sets 0 so a change applies at once). */
export const settingsCacheMs = (): number => envCount('SETTINGS_CACHE_SECONDS') * 1000;

/** What a route's logic works with: built with exactly the secrets its access list names. */
export interface RouteServices<Comments extends CommentOperations = CommentOperations> {
  readonly comments: Comments;
  /** Only for routes granted `secret:hashKey` (privacy requests find an address by its keyed hash). */
  readonly privacy: PrivacyService;
  /** Confirm and unsubscribe links; only for routes granted `secret:hashKey` (the tokens are signed with it). */
  readonly subscriptions: Subscriptions;
}

/** Builds a route's comment use cases from what its function holds. */
export type CommentsBuilder<Comments extends CommentOperations> = (deps: ServiceDeps) => Comments;

/** Services for the routes that take no submissions. */
export type ServicesFor<Comments extends CommentOperations = CommentOperations> = (
  access: readonly Access[],
) => Promise<RouteServices<Comments>>;

const operations: CommentsBuilder<CommentOperations> = (deps) => new CommentOperations(deps);
/** By builder, then by the secrets held: the local runtime serves every route from one process. */
const built = new Map<object, Map<string, Promise<unknown>>>();

/** The services for a route's access list, once per cold start. */
export const servicesFor: ServicesFor = (access) => servicesWith(access, operations);

/** The same with the comment use cases `make` builds (the submit route adds submissions). */
export function servicesWith<Comments extends CommentOperations>(
  access: readonly Access[],
  make: CommentsBuilder<Comments>,
): Promise<RouteServices<Comments>> {
  const hashKey = access.includes('secret:hashKey');
  const cursorKey = access.includes('secret:cursorKey');
  const id = `${hashKey ? 'h' : ''}${cursorKey ? 'c' : ''}`;
  const byAccess = built.get(make) ?? new Map<string, Promise<unknown>>();
  built.set(make, byAccess);
  let services = byAccess.get(id) as Promise<RouteServices<Comments>> | undefined;
  if (!services) {
    services = Promise.all([hashKey ? secretKey('HASH_KEY') : undefined, cursorKey ? secretKey('CURSOR_KEY') : undefined]).then(
      ([hash, cursor]) => build(make, hash, cursor),
    );
    services.catch(() => byAccess.delete(id));
    byAccess.set(id, services);
  }
  return services;
}

function build<Comments extends CommentOperations>(
  make: CommentsBuilder<Comments>,
  hashKey: string | undefined,
  cursorKey: string | undefined,
): RouteServices<Comments> {
  const store = commentStore();
  const hasher = hashKey ? new KeyedHasher(hashKey) : undefined;
  const comments = make({
    store,
    hasher,
    cursors: cursorKey ? new CursorCodec(new KeyedHasher(cursorKey)) : undefined,
    settingsCacheMs: settingsCacheMs(),
    metrics: new EmfModerationMetrics(),
    enabledProviders: enabledProvidersFromEnvironment(),
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
