/**
 * Wraps a route's logic as a Lambda handler. The route entry (lambda/routes.ts)
 * is the only place a route's name, auth and secrets are said: the wrapper
 * names the operation in logs and metrics, checks the moderator group for
 * `auth: 'moderator'`, builds the services with exactly the secrets the
 * route's access list names, and turns every thrown error into the
 * contract's JSON error.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type Route, type RouteName, routeNamed } from '../routes';
import { logger, metrics } from '../wiring/observability';
import { noServices, type ServicesFor } from '../wiring/route-services';
import { requireModerator } from './auth';
import { errorResponse } from './response';

export interface RouteContext<Services = unknown> {
  readonly event: APIGatewayProxyEvent;
  readonly route: Route;
  /** The signed-in moderator; only routes with `auth: 'moderator'` have one. */
  readonly actor: string;
  /** What the route's wiring (lambda/wiring/routes/) built for it. */
  readonly services: Services;
}

export type RouteLogic<Services = unknown> = (context: RouteContext<Services>) => Promise<APIGatewayProxyResult>;

/** `wiring` builds the route's services (lambda/wiring/routes/): only its use case and the adapters that one needs. */
export function routeHandler<Services = Record<string, never>>(
  routeOrName: Route | RouteName,
  logic: RouteLogic<Services>,
  wiring: ServicesFor<Services> = noServices as ServicesFor<Services>,
) {
  const route = typeof routeOrName === 'string' ? routeNamed(routeOrName) : routeOrName;
  const operation = route.name;
  return async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    if (context) logger.addContext(context);
    logger.appendKeys({ operation, requestId: event.requestContext?.requestId });
    let response: APIGatewayProxyResult;
    try {
      const actor = route.auth === 'moderator' ? requireModerator(event).actor : undefined;
      const services = await wiring(route.access);
      response = await logic({
        event,
        route,
        services,
        get actor() {
          if (actor === undefined) throw new Error(`${operation} is a public route: there is no moderator`);
          return actor;
        },
      });
    } catch (error) {
      response = errorResponse(event, error);
    }
    // Path and status only: bodies and query strings may hold personal data. API Gateway's access log
    // has a line for every request (method, path, status, latency, request id), so the function adds
    // its own only for an error answer, or at debug level (POWERTOOLS_LOG_LEVEL, or sampled with
    // POWERTOOLS_LOGGER_SAMPLE_RATE): on the busiest routes it was half of each request's log bytes.
    const line = { method: event.httpMethod, resource: event.resource, status: response.statusCode };
    if (response.statusCode >= 400) logger.info('request', line);
    else logger.debug('request', line);
    metrics.addDimension('operation', operation);
    metrics.addMetric(response.statusCode >= 500 ? 'ServerError' : response.statusCode >= 400 ? 'ClientError' : 'Success', 'Count', 1);
    metrics.publishStoredMetrics();
    logger.resetKeys();
    return response;
  };
}
