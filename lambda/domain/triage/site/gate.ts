/**
 * The gate acts as a threshold on each score, set from the site's own decided
 * comments: a comment is decided automatically if some threshold at or
 * beyond its score (towards doubt) holds. A threshold holds when the decided
 * comments past it (from it to the sure end) agreed with the decision with the
 * error's Wilson 95 % upper bound at most `maxError`, over at least
 * `minExamples` of them, and the site has decided comments near the threshold
 * itself (at least NEARBY_MIN, their measured error at most NEARBY_TOLERANCE ×
 * maxError): a threshold never reaches into scores the site has not seen, nor
 * to where its decisions turn. Everything else is pending. A random `audit`
 * share of automatic decisions is queued for a person too. A site with no
 * evidence decides nothing.
 */
import type { AutoDecideSettings, DecisionLabel, GateVerdict } from '../learning';
import {
  BINS,
  type EvidenceTable,
  type GateScores,
  nearby,
  pastThreshold,
  risk,
  scoreBin,
  type SureEnd,
  tableKeys,
  wilsonUpper,
} from './evidence';
import type { SiteModel } from './model';

export type AutomaticDecision = 'published' | 'rejected' | 'spam';

/**
 * maxError 1 % and a 2 % audit as the contract says. minExamples 200: at 1 %
 * the bound alone needs about 380 agreeing decisions, so the minimum matters
 * for a site that loosens maxError (at 5 % the bound would act on ~75).
 */
export const DEFAULT_AUTO_DECIDE: AutoDecideSettings = { maxError: 0.01, audit: 0.02, minExamples: 200 };

/** The verdict, plus what an audited comment would have been decided (the service stores it as pending). */
export interface SiteGateVerdict extends GateVerdict {
  automatic?: AutomaticDecision;
}

interface Candidate {
  decision: AutomaticDecision;
  head: 'remove' | 'spam';
  score: number;
  n: number;
  errors: number;
  bound: number;
  /** A threshold at or beyond this comment's score holds. */
  holds: boolean;
}

const AGREES: Record<AutomaticDecision, DecisionLabel> = { published: 'approved', rejected: 'rejected', spam: 'spam' };
const SURE_END: Record<AutomaticDecision, SureEnd> = { published: 'low', rejected: 'high', spam: 'high' };
/** Decided comments of nearly the same score the site must have before the gate decides at that score. */
export const NEARBY_MIN = 10;
/** How much worse than maxError their measured error may be: a little is noise, more is where the site's decisions turn. */
export const NEARBY_TOLERANCE = 3;

/** The first threshold from `bin` towards doubt that holds, or the comment's own bin's figures when none does. */
function threshold(table: EvidenceTable | undefined, bin: number, decision: AutomaticDecision, settings: AutoDecideSettings) {
  const sure = SURE_END[decision];
  const agree = AGREES[decision];
  const step = sure === 'low' ? 1 : -1;
  const at = (t: number) => {
    const { n, agreed } = pastThreshold(table, t, sure, agree);
    return { n, errors: n - agreed, bound: wilsonUpper(n - agreed, n) };
  };
  for (let t = bin; t >= 0 && t < BINS; t += step) {
    const past = at(t);
    if (past.n < settings.minExamples || past.bound > settings.maxError) continue;
    const near = nearby(table, t, agree);
    if (near.n >= NEARBY_MIN && near.n - near.agreed <= NEARBY_TOLERANCE * settings.maxError * near.n) return { ...past, holds: true };
  }
  return { ...at(bin), holds: false };
}

function candidates(site: SiteModel, scores: GateScores, settings: AutoDecideSettings): Candidate[] {
  const keys = tableKeys(scores);
  const publishHead = scores.spam > scores.remove ? 'spam' : 'remove';
  const sides = [
    { decision: 'published', head: publishHead, score: scores[publishHead], judged: risk(scores) },
    { decision: 'rejected', head: 'remove', score: scores.remove, judged: scores.remove },
    { decision: 'spam', head: 'spam', score: scores.spam, judged: scores.spam },
  ] as const;
  return sides.map(({ decision, head, score, judged }) => ({
    decision,
    head,
    score,
    ...threshold(site.evidence[keys[decision]], scoreBin(judged), decision, settings),
  }));
}

const fmtScore = (p: number) => (p < 0.01 || p > 0.99 ? p.toFixed(3) : p.toFixed(2));
/** Rounded up, so the message never promises more than the bound. */
const fmtBound = (b: number) => String(Math.ceil(b * 1000) / 1000);
const fmtCount = (n: number) => Math.round(n).toLocaleString('en-US');

function describe(c: Candidate): string {
  return `${c.decision}: ${c.head} ${fmtScore(c.score)} (≤ ${fmtBound(c.bound)} error over ${fmtCount(c.n)} decisions)`;
}

function estimate(c: Candidate): NonNullable<GateVerdict['estimate']> {
  return { error: c.n > 0 ? c.errors / c.n : 0, bound: c.bound, n: Math.round(c.n) };
}

export function gate(site: SiteModel | null, scores: GateScores, settings: AutoDecideSettings, random: () => number): SiteGateVerdict {
  const all = site ? candidates(site, scores, settings) : [];
  const byBound = [...all].sort((a, b) => a.bound - b.bound);
  const sure = all.filter((c) => c.holds).sort((a, b) => a.bound - b.bound)[0];
  if (!sure) {
    const closest = byBound.find((c) => c.n > 0);
    if (!closest) return { decision: 'pending', auto: false, audit: false, message: 'pending: no decided comments of similar score yet' };
    const why =
      closest.n >= settings.minExamples && closest.bound <= settings.maxError
        ? 'but the site has decided too few comments of nearly this score, or disagreed among them'
        : `needs ≤ ${settings.maxError} over at least ${fmtCount(settings.minExamples)}`;
    return {
      decision: 'pending',
      auto: false,
      audit: false,
      estimate: estimate(closest),
      message: `pending: closest is ${describe(closest)}; ${why}`,
    };
  }
  if (random() < settings.audit) {
    return {
      decision: 'pending',
      auto: true,
      audit: true,
      automatic: sure.decision,
      estimate: estimate(sure),
      message: `audit of ${describe(sure)}`,
    };
  }
  return { decision: sure.decision, auto: true, audit: false, automatic: sure.decision, estimate: estimate(sure), message: describe(sure) };
}
