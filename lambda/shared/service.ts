/** Builds the CommentService once per cold start from the environment. */
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbCommentStore } from '../adapters/dynamodb/comment-store';
import { TABLE_ENV } from '../adapters/dynamodb/schema';
import { CommentService } from '../domain/comment-service';
import { CursorCodec } from '../domain/cursor';
import { KeyedHasher } from '../domain/keyed-hash';
import { PrivacyService } from '../domain/privacy-service';
import { secretKey } from './keys';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} environment variable is not set`);
  return value;
}

let store: DynamoDbCommentStore | undefined;
export function commentStore(): DynamoDbCommentStore {
  store ??= new DynamoDbCommentStore(createDocumentClient(), {
    comments: requiredEnv(TABLE_ENV.Comments),
    private: requiredEnv(TABLE_ENV.Private),
  });
  return store;
}

/** SETTINGS_CACHE_SECONDS (default 5; the local runtime sets 0 so a change applies at once). */
export function settingsCacheMs(): number {
  const seconds = Number(process.env.SETTINGS_CACHE_SECONDS ?? '5');
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

const services = new Map<string, Promise<CommentService>>();

/** The service with only the keys this function was granted. */
export function commentService(needs: { hashKey?: boolean; cursorKey?: boolean } = {}): Promise<CommentService> {
  const id = `${needs.hashKey ? 'h' : ''}${needs.cursorKey ? 'c' : ''}`;
  let service = services.get(id);
  if (!service) {
    service = Promise.all([needs.hashKey ? secretKey('HASH_KEY') : undefined, needs.cursorKey ? secretKey('CURSOR_KEY') : undefined]).then(
      ([hashKey, cursorKey]) =>
        new CommentService({
          store: commentStore(),
          hasher: hashKey ? new KeyedHasher(hashKey) : undefined,
          cursors: cursorKey ? new CursorCodec(new KeyedHasher(cursorKey)) : undefined,
          settingsCacheMs: settingsCacheMs(),
        }),
    );
    service.catch(() => services.delete(id));
    services.set(id, service);
  }
  return service;
}

let privacy: Promise<PrivacyService> | undefined;

/** The PrivacyService for the two privacy routes (both hold the hash key). */
export function privacyService(): Promise<PrivacyService> {
  privacy ??= secretKey('HASH_KEY').then((key) => new PrivacyService({ store: commentStore(), hasher: new KeyedHasher(key) }));
  privacy.catch(() => (privacy = undefined));
  return privacy;
}
