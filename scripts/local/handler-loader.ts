/**
 * Where the local runtime gets its functions from. By default it imports
 * each route's handler module (TypeScript, through tsx); a loader can
 * supply them instead, for example from the bundles `cdk synth` builds
 * (scripts/local/deployed-bundles.ts). The runtime stays the same either way.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, DynamoDBStreamEvent } from 'aws-lambda';
import type { Route } from '../../lambda/routes';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<unknown>;

/** What the running local service offers the functions: the values a deployed function gets from the stack. */
export interface LocalService {
  tables: Record<string, string>;
  dynamoDbEndpoint: string;
  hashKey: string;
  cursorKey: string;
  allowedOrigins: string[];
  /** The moderators' console, linked from notifications. */
  consoleUrl: string;
  /** Where moderator notifications are written (the local stand-in for SNS email). */
  outboxDir: string;
  quiet: boolean;
}

export interface HandlerLoader {
  /** The handler of one HTTP route. */
  route(route: Route): Promise<ApiHandler>;
  /** The handler fed by the comments table stream (moderator notifications). */
  notifier(): Promise<StreamHandler>;
  stop(): Promise<void>;
}

export type HandlerLoaderFactory = (service: LocalService) => Promise<HandlerLoader>;
