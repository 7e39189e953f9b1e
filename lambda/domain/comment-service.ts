/**
 * Every use case of the service, submissions included: the operations of
 * ./comment-operations.ts plus submit, which runs the moderation phases and
 * the classifiers. Tests and the benchmark build this; a deployed function
 * builds only its own use case (lambda/wiring/routes/).
 */
import { NO_METRICS } from './ports/moderation-metrics';
import { CommentOperations, type ServiceDeps } from './comment-operations';
import { BUILTIN_ONLY } from './triage/builtin-source';
import { required } from './use-cases/deps';
import { type SubmitRequest, SubmitComment } from './use-cases/submit-comment';

export type { ArticleView, ReportRequest, ServiceDeps } from './comment-operations';
export type { SubmitRequest, SubmitResult } from './use-cases/submit-comment';

export class CommentService extends CommentOperations {
  private readonly submitting: SubmitComment | undefined;

  constructor(deps: ServiceDeps) {
    super(deps);
    const classifiers = deps.classifiers ?? BUILTIN_ONLY;
    // Only functions granted the hash key can take submissions.
    this.submitting = deps.hasher
      ? new SubmitComment(
          deps.store,
          deps.hasher,
          this.settings,
          this.articles,
          this.now,
          deps.metrics ?? NO_METRICS,
          classifiers,
          deps.triage,
        )
      : undefined;
  }

  submit = (request: SubmitRequest) => required(this.submitting, 'hasher').submit(request);
}
