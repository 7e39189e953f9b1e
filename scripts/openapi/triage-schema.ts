/** The Triage page's answer (GET /admin/triage), checked against the domain's type at compile time. */
import * as z from 'zod';
import type { TriageSummary } from '../../lambda/domain/triage/triage-summary';

const day = z.string().meta({ format: 'date', description: 'A UTC day, YYYY-MM-DD.' });
const count = z.number().int().min(0);
const share = z.number().min(0).max(1);
const byLabel = z.object({ approved: count, rejected: count, spam: count });
const byOrigin = z.object({ moderator: count, audit: count, reversal: count, import: count });

export const triageSummarySchema = z.object({
  from: day,
  to: day,
  triaged: count.meta({ description: 'Comments the gate looked at in the window.' }),
  byRules: count.meta({
    description: 'Of those, decided by another rule (auto-approve, pre-moderation off, bans, …) rather than the gate or a person.',
  }),
  automatic: z.object({
    published: count,
    rejected: count,
    spam: count,
    total: count,
    share: share.nullable().meta({ description: 'Decided without a person, of all triaged; null when nothing was triaged.' }),
  }),
  audits: z.object({
    drawn: count.meta({ description: 'Automatic decisions queued for a person to check.' }),
    decided: count,
    agreed: count,
    reversed: count,
    error: z
      .object({ estimate: share, bound: share.meta({ description: 'Wilson 95 % upper bound.' }) })
      .nullable()
      .meta({ description: 'The audited share a person decided otherwise; null before any audit was decided.' }),
  }),
  reversals: count.meta({ description: 'Automatic decisions a moderator reversed outside an audit.' }),
  taught: z.object({ total: count, byLabel, byOrigin }).meta({ description: 'Examples taught in the window.' }),
  model: z
    .object({ version: count, savedAt: z.string().meta({ format: 'date-time' }).nullable(), examples: byLabel, byOrigin })
    .nullable()
    .meta({ description: "What the site's model was taught, all time; null for a new site." }),
  series: z
    .array(z.object({ day, automatic: count, audits: count, queued: count, byRules: count }))
    .meta({ description: 'Every day of the window, oldest first.' }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const triageSchemaMatchesTheDomain: Same<z.infer<typeof triageSummarySchema>, TriageSummary> = true;
