/**
 * The moderation policy: the one list that fixes the order of the rules.
 * Flood, duplicate and closed articles are refused before it runs (see the
 * submit use case). A new rule is one module beside these and one line here.
 */
import { articlePremoderation } from './article-premoderation';
import { autoApprove } from './auto-approve';
import { banned } from './banned';
import { disallowedWords } from './disallowed-words';
import { gate } from './gate';
import { honeypot } from './honeypot';
import { learnedTriage } from './learned-triage';
import { maxLinks } from './max-links';
import { moderationWords } from './moderation-words';
import { type Decision, type Phase, type PolicyInput, runPhases } from './phase';
import { sitePremoderation } from './site-premoderation';

export const MODERATION_PHASES: readonly Phase[] = [
  honeypot, // -> spam
  disallowedWords, // -> spam
  banned, // -> spam
  learnedTriage, // notes each kind's score and strongest signals; holds when one cannot be scored, or (pre-moderation off) scores high
  maxLinks, // holds; every hold rule that applies is reported
  moderationWords, // holds
  articlePremoderation, // -> pending when the article asks for it, even for a known good author
  autoApprove, // -> approved (never over a hold)
  gate, // premoderation "auto": -> approved / rejected / spam where the site's decisions show it is sure, else pending
  sitePremoderation, // -> pending or approved: always decides
];

export const decide = (input: PolicyInput): Promise<Decision> => runPhases(MODERATION_PHASES, input);
