/**
 * Runs the classifier a phase's settings name, under the deployment's time
 * limit. A provider the deployment did not enable, or one that cannot be
 * built, is "classifier unavailable" like any failing one: the comment is
 * held, the post never fails.
 */
import type { ClassifierKind, ClassifierInput, ProviderName } from '../ports/classifier';
import { BUILTIN_ONLY } from '../triage/builtin-source';
import { CLASSIFIER_UNAVAILABLE, type ClassifierOutcome, runClassifier } from '../triage/run-classifier';
import type { PhaseContext } from './phase';

export async function classify(
  kind: ClassifierKind,
  provider: ProviderName,
  context: PhaseContext,
  sendPersonalData: boolean,
): Promise<ClassifierOutcome> {
  const source = context.classifiers ?? BUILTIN_ONLY;
  if (!source.enabled.includes(provider)) return unavailable(`${provider} is not enabled in this deployment`);
  const { submission, subject } = context;
  const input: ClassifierInput = {
    text: submission.comment,
    author: submission.author,
    url: submission.url,
    articleId: subject?.articleId ?? '',
    // Personal data only to a provider the operator allowed it for.
    ...(sendPersonalData && subject?.personal ? { personal: subject.personal } : {}),
  };
  try {
    return await runClassifier(source.classifier(kind, provider, { sendPersonalData }), input, { timeLimitMs: source.timeLimitMs });
  } catch (error) {
    return unavailable(error instanceof Error ? error.message : String(error));
  }
}

const unavailable = (cause: string): ClassifierOutcome => ({ ok: false, message: CLASSIFIER_UNAVAILABLE, cause });
