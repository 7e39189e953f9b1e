/**
 * The submit route's services: the comment operations plus submissions, with
 * the classifiers this deployment enabled and the learned triage. Only the
 * submit handler imports this module, so only its bundle carries the
 * moderation phases, the model and the classifier clients.
 */
import { classifierSourceFromEnvironment } from '../adapters/classifiers/source';
import { CommentService } from '../domain/comment-service';
import type { TriageScorer } from '../domain/ports/triage-scorer';
import type { Access } from '../routes';
import { onceUntilFailure } from './once';
import { type CommentsBuilder, type RouteServices, servicesWith, settingsCacheMs, siteModelReader } from './service';

/**
 * The learned triage, loaded on first use (evaluated after the import, not
 * during it). The site's model is reused for the settings cache time
 * (SETTINGS_CACHE_SECONDS) and read beside the settings, so it costs no
 * round trip of its own.
 */
async function learnedTriage(): Promise<TriageScorer> {
  const { LearnedTriage } = await import('../domain/triage/learned-triage');
  return new LearnedTriage(siteModelReader(), { cacheMs: settingsCacheMs() });
}

/** One builder per function, so the services it builds are built once (the cache is keyed by builder). */
const builder = onceUntilFailure(() =>
  learnedTriage().then((triage): CommentsBuilder<CommentService> => {
    const classifiers = classifierSourceFromEnvironment();
    return (deps) => new CommentService({ ...deps, classifiers, triage });
  }),
);

export const submissionServicesFor = async (access: readonly Access[]): Promise<RouteServices<CommentService>> =>
  servicesWith(access, await builder());
