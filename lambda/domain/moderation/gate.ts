/**
 * Under premoderation "auto", the gate decides: published, rejected or spam
 * only where the site's own decided comments of similar score agreed within
 * the bound (`triage.autoDecide`); an audited decision and everything else
 * wait for a person. A hold from an earlier phase still keeps a comment from
 * being published (the runner sees to it).
 */
import type { DecidedStatus, Phase } from './phase';
import { triageRun } from './triage-run';

const STATUS = { published: 'approved', rejected: 'rejected', spam: 'spam' } as const;

export const gate: Phase = async (context) => {
  if ((context.article.premoderation ?? context.settings.premoderation) !== 'auto') return undefined;
  const assessment = (await triageRun(context))?.assessment;
  if (!assessment) return undefined;
  const { verdict, scores } = assessment;
  const judged =
    verdict.automatic === 'rejected' ? scores.remove : verdict.automatic === 'spam' ? scores.spam : Math.max(scores.remove, scores.spam);
  const score = Math.round(judged * 1000) / 1000;
  if (verdict.audit) return { decide: 'pending', reason: { rule: 'audit', message: verdict.message, score } };
  const status: DecidedStatus = verdict.decision === 'pending' ? 'pending' : STATUS[verdict.decision];
  return { decide: status, reason: { rule: 'gate', message: verdict.message, score } };
};
