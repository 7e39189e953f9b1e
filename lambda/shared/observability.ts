/** One configured Logger and Metrics for every function (Powertools). */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { maskEmailLike } from '../domain/text-patterns';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'comments' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CommentModeration', serviceName: 'comments' });

/** Error text for logs with anything shaped like an email address removed. */
export const redact = (text: string): string => maskEmailLike(text, '[redacted-email]');
