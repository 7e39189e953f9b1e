/**
 * The submit route's services: submissions, with the classifiers this
 * deployment enabled and the learned triage. Only the submit handler imports
 * this module, so only its bundle carries the moderation phases, the model
 * and the classifier clients.
 */
import { classifierSourceFromEnvironment } from '../../adapters/classifiers/source';
import { dynamoDbAuthorStore } from '../../adapters/dynamodb/author-stats';
import { dynamoDbBanStore } from '../../adapters/dynamodb/bans';
import { dynamoDbCommentReads } from '../../adapters/dynamodb/comment-reads';
import { dynamoDbSubmissionStore } from '../../adapters/dynamodb/submission';
import type { TriageScorer } from '../../domain/ports/triage-scorer';
import { SubmitComment } from '../../domain/use-cases/submit-comment';
import type { Access } from '../../routes';
import { EmfModerationMetrics } from '../observability';
import { onceUntilFailure } from '../once';
import { grantedHasher, servicesFrom } from '../route-services';
import { functionSettings, now, settingsCacheMs } from '../settings';
import { storeContext } from '../stores';
import { siteModelReader } from '../triage';

/**
 * The learned triage, loaded on first use (evaluated after the import, not
 * during it). The site's model is reused for the settings cache time
 * (SETTINGS_CACHE_SECONDS) and read beside the settings, so it costs no
 * round trip of its own.
 */
const learnedTriage = onceUntilFailure(async (): Promise<TriageScorer> => {
  const { LearnedTriage } = await import('../../domain/triage/learned-triage');
  return new LearnedTriage(siteModelReader(), { cacheMs: settingsCacheMs() });
});

const withTriage = (triage: TriageScorer) =>
  servicesFrom((keys) => {
    const ctx = storeContext();
    const store = { ...dynamoDbSubmissionStore(ctx), ...dynamoDbAuthorStore(ctx), ...dynamoDbBanStore(ctx), ...dynamoDbCommentReads(ctx) };
    const { settings, articles } = functionSettings();
    const metrics = new EmfModerationMetrics();
    const classifiers = classifierSourceFromEnvironment();
    return { submissions: new SubmitComment(store, grantedHasher(keys), settings, articles, now, metrics, classifiers, triage) };
  });

const built = onceUntilFailure(async () => withTriage(await learnedTriage()));

export const submissionServices = async (access: readonly Access[]) => (await built())(access);
