/** One configured Logger and Metrics for every function (Powertools). */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'comments' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CommentModeration', serviceName: 'comments' });

const EMAIL_LIKE = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;

/** Error text for logs with anything shaped like an email address removed. */
export const redact = (text: string): string => text.replace(EMAIL_LIKE, '[redacted-email]');
