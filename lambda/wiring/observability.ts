/** One configured Logger and Metrics for every function (Powertools), and the moderation metrics as EMF. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CommentStatus } from '../domain/comment';
import { maskEmailLike } from '../domain/text-patterns';
import { envString } from '../environment';
import { MODERATION_METRIC, type ModerationAction, type ModerationMetrics } from '../domain/ports/moderation-metrics';

export const logger = new Logger({ serviceName: envString('POWERTOOLS_SERVICE_NAME') });
export const metrics = new Metrics({ namespace: envString('POWERTOOLS_METRICS_NAMESPACE'), serviceName: 'comments' });

/** Error text for logs with anything shaped like an email address removed. */
export const redact = (text: string): string => maskEmailLike(text, '[redacted-email]');

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * The desk's metrics, each written at once as its own EMF record with only
 * its own dimensions (plus `service`): the request metrics the route wrapper
 * buffers carry an `operation` dimension these must not inherit, or the
 * dashboard would have to name every function.
 */
export class EmfModerationMetrics implements ModerationMetrics {
  constructor(private readonly sink: Metrics = metrics) {}

  commentSubmitted(outcome: CommentStatus): void {
    this.emit(MODERATION_METRIC.submitted, MetricUnit.Count, 1, { outcome });
  }

  decisionMade(action: ModerationAction, waitedSeconds: number | null): void {
    this.emit(MODERATION_METRIC.decisions, MetricUnit.Count, 1, { action });
    if (waitedSeconds !== null) this.emit(MODERATION_METRIC.timeToDecision, MetricUnit.Seconds, waitedSeconds);
  }

  reportReceived(): void {
    this.emit(MODERATION_METRIC.reports, MetricUnit.Count, 1);
  }

  oldestPendingAge(seconds: number): void {
    this.emit(MODERATION_METRIC.oldestPendingAge, MetricUnit.Seconds, seconds);
  }

  private emit(name: string, unit: Unit, value: number, dimensions: Record<string, string> = {}): void {
    const single = this.sink.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, unit, value);
  }
}
