/**
 * The command line's contract: its options, and one JSON object per input line
 * (score: text, author?, url?; replay adds label and provider?). The author is
 * accepted and never read: the model takes no names.
 */
import { z } from 'zod';
import type { AutoDecideSettings } from '../../lambda/domain/triage/learning';
import { DEFAULT_AUTO_DECIDE, type ReplayComment } from '../../lambda/domain/triage/site';

export const USAGE = `usage: npm run triage -- score|replay [--max-error=P] [--audit=P] [--min-examples=N] [--seed=N]

  score    each line {"text", "author"?, "url"?} -> {"scores": {"remove", "spam"}, "decision"}
           for a new site with the shipped model and the default gate
  replay   each line adds "label": "approved" | "rejected" | "spam" and may add
           "provider": {"remove"?, "spam"?}; the lines are one new site's comments in order,
           and each answer adds "auto" and "audit"
  --max-error=P      the error an automatic decision may have, 0-0.1 (default ${DEFAULT_AUTO_DECIDE.maxError})
  --audit=P          the share of automatic decisions queued as audits, 0-0.5 (default ${DEFAULT_AUTO_DECIDE.audit})
  --min-examples=N   decided comments of similar score the gate needs (default ${DEFAULT_AUTO_DECIDE.minExamples})
  --seed=N           the audit draws' seed (default 1)

JSON lines in on standard input, one JSON line out per line in, in order, on standard output.`;

export interface Arguments {
  command: 'score' | 'replay';
  settings: AutoDecideSettings;
  seed: number;
}

const OPTIONS = {
  '--max-error': { min: 0, max: 0.1, integer: false },
  '--audit': { min: 0, max: 0.5, integer: false },
  '--min-examples': { min: 1, max: 1_000_000, integer: true },
  '--seed': { min: 0, max: 2 ** 32 - 1, integer: true },
} as const;

export function parseArguments(argv: readonly string[]): Arguments | string {
  const [command, ...rest] = argv;
  if (command !== 'score' && command !== 'replay') return command ? `unknown command "${command}"` : 'which command? score or replay';
  const values: Partial<Record<keyof typeof OPTIONS, number>> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const option = OPTIONS[name as keyof typeof OPTIONS];
    if (!option) return `unknown option ${arg}`;
    const text = inline ?? rest[++i];
    const value = Number(text);
    if (
      text === undefined ||
      text === '' ||
      !Number.isFinite(value) ||
      value < option.min ||
      value > option.max ||
      (option.integer && !Number.isInteger(value))
    ) {
      return `${name} must be ${option.integer ? 'a whole number' : 'a number'} from ${option.min} to ${option.max} (not "${text ?? ''}")`;
    }
    values[name as keyof typeof OPTIONS] = value;
  }
  return {
    command,
    settings: {
      maxError: values['--max-error'] ?? DEFAULT_AUTO_DECIDE.maxError,
      audit: values['--audit'] ?? DEFAULT_AUTO_DECIDE.audit,
      minExamples: values['--min-examples'] ?? DEFAULT_AUTO_DECIDE.minExamples,
    },
    seed: values['--seed'] ?? 1,
  };
}

const probability = z.number().min(0).max(1);
const commentLine = z.object({ text: z.string(), author: z.string().nullish(), url: z.string().nullish() });
const replayLine = commentLine.extend({
  label: z.enum(['approved', 'rejected', 'spam']),
  provider: z.object({ remove: probability.optional(), spam: probability.optional() }).optional(),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
  return `${where}${issue.message}`;
}

/** One input line as the replay takes it, or why it cannot be read. */
export function parseLine(command: Arguments['command'], line: string): ReplayComment | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not a JSON object' };
  }
  if (command === 'score') {
    const parsed = commentLine.safeParse(json);
    if (!parsed.success) return { error: describeIssue(parsed.error) };
    return { input: { text: parsed.data.text, url: parsed.data.url ?? null }, label: 'approved' };
  }
  const parsed = replayLine.safeParse(json);
  if (!parsed.success) return { error: describeIssue(parsed.error) };
  const { text, url, label, provider } = parsed.data;
  return { input: { text, url: url ?? null }, label, ...(provider ? { provider } : {}) };
}
