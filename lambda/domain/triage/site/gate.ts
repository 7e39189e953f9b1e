/**
 * The gate: decides a comment automatically only where the site's own decided
 * comments of similar score agreed with that decision, with the error's Wilson
 * 95 % upper bound at most `maxError` over at least `minExamples` of them.
 * Everything else is pending. A random `audit` share of automatic decisions
 * is queued for a person too. A site with no evidence decides nothing.
 */
import type { AutoDecideSettings, DecisionLabel, GateVerdict } from '../learning';
import { similar, type GateScores, risk, tableKeys, wilsonUpper } from './evidence';
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
}

const AGREES: Record<AutomaticDecision, DecisionLabel> = { published: 'approved', rejected: 'rejected', spam: 'spam' };

function candidates(site: SiteModel, scores: GateScores): Candidate[] {
  const keys = tableKeys(scores);
  const publishHead = scores.spam > scores.remove ? 'spam' : 'remove';
  const sides = [
    { decision: 'published', head: publishHead, score: scores[publishHead], judged: risk(scores) },
    { decision: 'rejected', head: 'remove', score: scores.remove, judged: scores.remove },
    { decision: 'spam', head: 'spam', score: scores.spam, judged: scores.spam },
  ] as const;
  return sides.map(({ decision, head, score, judged }) => {
    const { n, agreed } = similar(site.evidence[keys[decision]], judged, AGREES[decision]);
    const errors = n - agreed;
    return { decision, head, score, n, errors, bound: wilsonUpper(errors, n) };
  });
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
  const all = site ? candidates(site, scores) : [];
  const byBound = [...all].sort((a, b) => a.bound - b.bound);
  const sure = byBound.find((c) => c.n >= settings.minExamples && c.bound <= settings.maxError);
  if (!sure) {
    const closest = byBound.find((c) => c.n > 0);
    if (!closest) return { decision: 'pending', auto: false, audit: false, message: 'pending: no decided comments of similar score yet' };
    return {
      decision: 'pending',
      auto: false,
      audit: false,
      estimate: estimate(closest),
      message: `pending: closest is ${describe(closest)}; needs ≤ ${settings.maxError} over at least ${fmtCount(settings.minExamples)}`,
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
