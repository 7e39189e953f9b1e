/**
 * One new site's comments, in the order they arrive, through the same
 * functions the service uses: score, gate, and teach once per LEARNING_BATCH
 * decisions made by a person (queued comments and audits; the label of a
 * comment decided automatically is never seen, as in production). The site
 * model goes through its bytes after every lesson, as it does through the store.
 */
import type { AutoDecideSettings, DecidedExample, DecisionLabel, GateDecision, TriageScores, TriageText } from '../learning';
import { decodeSiteModel, encodeSiteModel } from './codec';
import { gate } from './gate';
import { newSiteModel as newSite, type SiteModel } from './model';
import { type Prior, shippedPrior } from './prior';
import { type ProviderScores, scoreComment } from './score';
import { LEARNING_BATCH, teach } from './teach';

export interface ReplayComment {
  input: TriageText;
  label: DecisionLabel;
  provider?: ProviderScores;
}

export interface ReplayOutcome {
  scores: TriageScores;
  decision: GateDecision;
  auto: boolean;
  audit: boolean;
}

export interface Replay {
  next(comment: ReplayComment): ReplayOutcome;
  /** The site model as the service would have stored it last. */
  site(): SiteModel | null;
}

export interface ReplayOptions {
  /** Decisions per lesson (default: the service's LEARNING_BATCH). */
  batch?: number;
  /** The shipped model by default; the benchmark passes one trained without the replayed site's data. */
  prior?: Prior;
}

export function startReplay(settings: AutoDecideSettings, random: () => number, options: ReplayOptions = {}): Replay {
  const { batch = LEARNING_BATCH, prior = shippedPrior() } = options;
  let site: SiteModel | null = null;
  let lesson: DecidedExample[] = [];
  return {
    next({ input, label, provider }) {
      const scored = scoreComment(site, input, provider, prior);
      const verdict = gate(site, scored.scores, settings, random);
      if (!verdict.auto || verdict.audit) {
        lesson.push({ input, label, scoresAtDecision: scored.scores, origin: verdict.audit ? 'audit' : 'moderator' });
      }
      if (lesson.length >= batch) {
        site = decodeSiteModel(encodeSiteModel(teach(site ?? newSite(), lesson, prior)));
        lesson = [];
      }
      return { scores: scored.modelScores, decision: verdict.decision, auto: verdict.auto, audit: verdict.audit };
    },
    site: () => site,
  };
}
