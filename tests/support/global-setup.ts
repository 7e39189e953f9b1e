/** Starts one in-memory DynamoDB Local for the test run and hands its endpoint to every test file. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let dynamodb: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  dynamodb = await startDynamoDbLocal({ inMemory: true });
  project.provide('dynamoDbEndpoint', dynamodb.endpoint);
}

export async function teardown() {
  await dynamodb?.stop();
}
