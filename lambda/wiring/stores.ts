/**
 * The DynamoDB client and the tables' names, once per cold start. Each
 * function builds on it only the storage ports its use case names, so its
 * bundle holds only those adapters.
 */
import { createDocumentClient } from '../adapters/dynamodb/client';
import type { StoreContext } from '../adapters/dynamodb/context';
import { TABLE_ENV } from '../adapters/dynamodb/schema';
import { envString } from '../environment';

let context: StoreContext | undefined;

export function storeContext(): StoreContext {
  context ??= {
    db: createDocumentClient(),
    tables: { comments: envString(TABLE_ENV.Comments), private: envString(TABLE_ENV.Private) },
  };
  return context;
}
