/**
 * The site teaches its model. Every person's decision is an example; a batch
 * of them is taught in one step: load the site's model, teach, save on the
 * version loaded, and on a conflict (another learner saved first) load and
 * teach again, so concurrent learners never lose an example. The day
 * counters and the batch marker go in the same write, so a batch the stream
 * delivers again after a crash is neither taught nor counted twice.
 */
import type { DecidedExample, DecisionLabel, SiteLearner } from '../triage/learning';
import { type DayIncrements, dayIncrementsOf, dayOf, type TriageEvent, taughtIncrements } from '../triage/triage-days';
import { exampleOf } from '../triage/triage-record';
import type { ModelSummary } from '../triage/triage-summary';
import type { CommitOutcome, LearningCommit, TriageStore } from '../ports/triage-store';

/** The model module's pure functions the learner needs (lambda/domain/triage/site/). */
export interface SiteModelCodec<Model> {
  newSiteModel(): Model;
  teach(site: Model, examples: readonly DecidedExample[]): Model;
  encode(site: Model): Uint8Array;
  decode(bytes: Uint8Array): Model;
  /** What the model was taught, all time (stored beside the bytes for the Triage page). */
  describe(site: Model): Pick<ModelSummary, 'examples' | 'byOrigin'>;
}

export interface LearnerDeps<Model> {
  store: TriageStore;
  codec: SiteModelCodec<Model>;
  /** Waits before another attempt after a conflict (jittered back-off deployed; none in tests). */
  pause?: (attempt: number) => Promise<void>;
}

/** Conflicts need another learner saving in between; this many in a row means something is wrong: fail, the stream redelivers. */
export const MAX_ATTEMPTS = 10;

const backOff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** Math.min(attempt, 5)));

export class LearningConflict extends Error {
  constructor(attempts: number) {
    super(`the site model kept changing under the learner (${attempts} attempts)`);
    this.name = 'LearningConflict';
  }
}

/** Teaches the examples (if any) and adds the counters, as one write; retries on a lost race. */
async function apply<Model>(
  deps: LearnerDeps<Model>,
  examples: readonly DecidedExample[],
  days: DayIncrements,
  batchId: string | undefined,
): Promise<CommitOutcome> {
  const pause = deps.pause ?? backOff;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let model: LearningCommit['model'] = null;
    if (examples.length > 0) {
      const stored = await deps.store.load();
      const site = stored ? deps.codec.decode(stored.bytes) : deps.codec.newSiteModel();
      const taught = deps.codec.teach(site, examples);
      model = { bytes: deps.codec.encode(taught), expected: stored?.version ?? null, taught: deps.codec.describe(taught) };
    }
    const outcome = await deps.store.commit({ model, days, ...(batchId ? { batchId } : {}) });
    if (outcome !== 'conflict') return outcome;
    await pause(attempt);
  }
  throw new LearningConflict(MAX_ATTEMPTS);
}

const countByLabel = (examples: readonly DecidedExample[]): Record<DecisionLabel, number> => {
  const taught = { approved: 0, rejected: 0, spam: 0 };
  for (const example of examples) taught[example.label] += 1;
  return taught;
};

/**
 * The stream's learner: a batch of events (comments arriving, people
 * deciding) -> examples taught and counters added. `batchId` names the batch
 * of stream records (see the stream handler).
 */
export function learnFromDecisions<Model>(deps: LearnerDeps<Model>) {
  return async (events: readonly TriageEvent[], batchId?: string) => {
    const examples = events.flatMap((event) => (event.kind === 'decided' ? [exampleOf(event.decision)] : []));
    const days = dayIncrementsOf(events);
    if (examples.length === 0 && Object.keys(days).length === 0) return { outcome: 'committed' as const, taught: countByLabel([]) };
    const outcome = await apply(deps, examples, days, batchId);
    return { outcome, taught: countByLabel(outcome === 'committed' ? examples : []) };
  };
}

/** Examples per step when a caller hands over many at once (imported history): each step is one model save. */
export const TEACH_BATCH = 500;

/** The SiteLearner the importer uses: imported history taught in batches through the same store, counted under today. */
export function storeLearner<Model>(deps: LearnerDeps<Model>, now: () => Date = () => new Date()): SiteLearner {
  return {
    async teach(examples) {
      for (let start = 0; start < examples.length; start += TEACH_BATCH) {
        const batch = examples.slice(start, start + TEACH_BATCH);
        await apply(deps, batch, taughtIncrements(dayOf(now().toISOString()), batch), undefined);
      }
      return { taught: countByLabel(examples) };
    },
  };
}
