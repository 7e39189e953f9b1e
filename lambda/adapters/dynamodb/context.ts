/** What every part of the DynamoDB store works with: the client and the two tables' names. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface TableNames {
  comments: string;
  private: string;
}

export interface StoreContext {
  db: DynamoDBDocumentClient;
  tables: TableNames;
}
