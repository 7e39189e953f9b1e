/**
 * Replay curves: one held-out source streamed, in a seeded order, through a
 * new site with the service's own functions (startReplay: score, gate, teach
 * on the service's schedule), on a prior trained without that source. Counts
 * only: no comment's text leaves this module.
 */
import type { AutoDecideSettings, DecisionLabel } from '../../lambda/domain/triage/learning';
import { type Prior, type ReplayOutcome, seededRandom, startReplay } from '../../lambda/domain/triage/site';
import type { Row } from '../../scripts/triage/data';

/** The points on the curve, in comments the site has received. */
export const CHECKPOINTS = [500, 1000, 2000, 5000] as const;
/** Seconds a moderator spends per decision, as the figure assumes. */
export const SECONDS_PER_DECISION = 10;

export interface CurveWindow {
  /** Comments [from, to) of the stream. */
  from: number;
  to: number;
  /** Share of them decided without a person (audits not counted: a person sees those). */
  automatic: number;
}

export interface ReplayFigures {
  file: string;
  comments: number;
  labels: Record<DecisionLabel, number>;
  curve: CurveWindow[];
  secondHalfAutomatic: number;
  automatic: { published: number; rejected: number; spam: number };
  /** Of the comments published automatically, the share a moderator had removed (rejected or spam). */
  publishError: number | null;
  /** Of the comments removed automatically (rejected or spam), the share a moderator had approved. */
  removalError: number | null;
  /** Of all automatic decisions, the share whose decision differs from the moderator's. */
  automaticError: number | null;
  audits: number;
  moderatorMinutesPer1000: number;
}

export const labelOf = (row: Row): DecisionLabel => (row.label === 'spam' ? 'spam' : row.label === 'toxic' ? 'rejected' : 'approved');

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const AGREES: Record<string, DecisionLabel> = { published: 'approved', rejected: 'rejected', spam: 'spam' };
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);
const isAutomatic = (o: ReplayOutcome) => o.auto && !o.audit;

export function replaySource(
  file: string,
  rows: readonly Row[],
  options: { prior: Prior; settings: AutoDecideSettings; seed: number; provider?: (row: Row) => { remove?: number; spam?: number } },
): ReplayFigures {
  const order = shuffled(rows, options.seed);
  const replay = startReplay(options.settings, seededRandom(options.seed + 1), { prior: options.prior });
  const outcomes = order.map((row) =>
    replay.next({ input: { text: row.text }, label: labelOf(row), ...(options.provider ? { provider: options.provider(row) } : {}) }),
  );
  const labels = order.map(labelOf);
  const bounds = [0, ...CHECKPOINTS.filter((c) => c < order.length), order.length];
  const curve = bounds.slice(1).map((to, i) => {
    const from = bounds[i]!;
    return { from, to, automatic: share(outcomes.slice(from, to).filter(isAutomatic).length, to - from) ?? 0 };
  });
  const half = Math.floor(order.length / 2);
  const automatic = { published: 0, rejected: 0, spam: 0 };
  let publishWrong = 0;
  let removalWrong = 0;
  let disagreed = 0;
  outcomes.forEach((o, i) => {
    if (!isAutomatic(o)) return;
    const decision = o.decision as keyof typeof automatic;
    automatic[decision] += 1;
    if (AGREES[decision] !== labels[i]) disagreed += 1;
    if (decision === 'published' && labels[i] !== 'approved') publishWrong += 1;
    if (decision !== 'published' && labels[i] === 'approved') removalWrong += 1;
  });
  const automaticTotal = automatic.published + automatic.rejected + automatic.spam;
  const byPerson = outcomes.filter((o) => !isAutomatic(o)).length;
  return {
    file,
    comments: order.length,
    labels: {
      approved: labels.filter((l) => l === 'approved').length,
      rejected: labels.filter((l) => l === 'rejected').length,
      spam: labels.filter((l) => l === 'spam').length,
    },
    curve,
    secondHalfAutomatic: share(outcomes.slice(half).filter(isAutomatic).length, order.length - half) ?? 0,
    automatic,
    publishError: share(publishWrong, automatic.published),
    removalError: share(removalWrong, automatic.rejected + automatic.spam),
    automaticError: share(disagreed, automaticTotal),
    audits: outcomes.filter((o) => o.audit).length,
    moderatorMinutesPer1000: Math.round(((byPerson * SECONDS_PER_DECISION) / 60 / order.length) * 1000 * 10) / 10,
  };
}
