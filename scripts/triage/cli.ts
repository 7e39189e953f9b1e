/**
 * npm run triage -- score|replay [options]: JSON lines in, JSON lines out, in
 * order (see USAGE in lines.ts). Uses the service's own scoring, gate and
 * learning functions. Exit status: 0 every line answered, 1 a malformed line
 * (its number is on standard error; the lines before it were answered), 2 bad
 * arguments.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { gate, scoreComment, seededRandom, startReplay } from '../../lambda/domain/triage/site';
import { type Arguments, parseArguments, parseLine, USAGE } from './lines';

type Answer = (line: string) => string | { error: string };

const rounded = (p: number) => Math.round(p * 1e6) / 1e6;

function answerer({ command, settings, seed }: Arguments): Answer {
  const random = seededRandom(seed);
  if (command === 'score') {
    return (line) => {
      const comment = parseLine('score', line);
      if ('error' in comment) return comment;
      const { scores, modelScores } = scoreComment(null, comment.input);
      const decision = gate(null, scores, settings, random).decision;
      return JSON.stringify({ scores: { remove: rounded(modelScores.remove), spam: rounded(modelScores.spam) }, decision });
    };
  }
  const replay = startReplay(settings, random);
  return (line) => {
    const comment = parseLine('replay', line);
    if ('error' in comment) return comment;
    const { scores, ...verdict } = replay.next(comment);
    return JSON.stringify({ scores: { remove: rounded(scores.remove), spam: rounded(scores.spam) }, ...verdict });
  };
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n\n${USAGE}\n`);
    return 2;
  }
  const answer = answerer(args);
  let number = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    number += 1;
    const out = answer(line);
    if (typeof out !== 'string') {
      process.stderr.write(`line ${number}: ${out.error}\n`);
      return 1;
    }
    if (!process.stdout.write(`${out}\n`)) await once(process.stdout, 'drain');
  }
  process.stderr.write(`${args.command}: ${number} lines answered\n`);
  return 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
