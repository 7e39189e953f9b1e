/** A known good author (minApproved approved comments, none rejected or spam) is published at once. */
import { type AuthorRecord, type Phase, plural } from './phase';

export const autoApprove: Phase = ({ settings, author }) => {
  const rule = settings.autoApprove;
  if (!rule.enabled || !isKnownGood(author, rule.minApproved)) return undefined;
  const window = rule.windowDays ? ` in the last ${plural(rule.windowDays, 'day')}` : '';
  const message = `the author has ${plural(author.approved, 'approved comment')} and none rejected or spam${window}`;
  return { decide: 'approved', reason: { rule: 'autoApprove', message } };
};

const isKnownGood = (author: AuthorRecord, minApproved: number) =>
  author.approved >= minApproved && author.rejected === 0 && author.spam === 0;
