/**
 * Wraps a route's logic as a Lambda handler: request logging context,
 * metrics, and every thrown error turned into the contract's JSON error.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger, metrics } from '../shared/observability';
import { errorResponse } from './response';

export type RouteLogic = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export function httpHandler(operation: string, logic: RouteLogic) {
  return async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    if (context) logger.addContext(context);
    logger.appendKeys({ operation, requestId: event.requestContext?.requestId });
    let response: APIGatewayProxyResult;
    try {
      response = await logic(event);
    } catch (error) {
      response = errorResponse(event, error);
    }
    // Path and status only: bodies and query strings may hold personal data.
    logger.info('request', { method: event.httpMethod, resource: event.resource, status: response.statusCode });
    metrics.addDimension('operation', operation);
    metrics.addMetric(response.statusCode >= 500 ? 'ServerError' : response.statusCode >= 400 ? 'ClientError' : 'Success', 'Count', 1);
    metrics.publishStoredMetrics();
    logger.resetKeys();
    return response;
  };
}
