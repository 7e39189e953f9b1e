import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionLabel } from '../../../lambda/domain/triage/learning';
import { DEFAULT_AUTO_DECIDE, seededRandom, startReplay } from '../../../lambda/domain/triage/site';

const ROOT = resolve(__dirname, '../../..');
const LABELS: Record<string, DecisionLabel> = { civil: 'approved', abusive: 'rejected', spam: 'spam' };

interface CorpusComment {
  label: string;
  text: string;
  author: string;
  url: string | null;
}

/** The project's own labelled comments, as one site's decided comments in a seeded order. */
function decidedLines(): { text: string; author: string; url: string | null; label: DecisionLabel }[] {
  const corpus = (JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/triage-corpus.json'), 'utf8')) as { comments: CorpusComment[] })
    .comments;
  const random = seededRandom(11);
  const lines = corpus.map((c) => ({ text: c.text, author: c.author, url: c.url, label: LABELS[c.label]! }));
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines;
}

function triage(args: string[], input: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/triage/cli.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: run.status, out: run.stdout.split('\n').filter(Boolean), err: run.stderr };
}

const jsonLines = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('npm run triage', () => {
  it('score: one answer per comment, in order; a new site decides nothing automatically; the author changes nothing', () => {
    const comments = decidedLines().slice(0, 40);
    const run = triage(['score'], jsonLines(comments.map(({ text, author, url }) => ({ text, author, url }))));
    expect(run.status).toBe(0);
    expect(run.out).toHaveLength(comments.length);
    const answers = run.out.map((line) => JSON.parse(line));
    for (const answer of answers) {
      expect(Object.keys(answer).sort()).toEqual(['decision', 'scores']);
      expect(answer.decision).toBe('pending');
      for (const p of [answer.scores.remove, answer.scores.spam]) expect(p).toBeGreaterThanOrEqual(0);
    }
    const renamed = triage(['score'], jsonLines(comments.map(({ text, url }, i) => ({ text, author: `Someone Else ${i}`, url }))));
    expect(renamed.out).toEqual(run.out);
  });

  it('replay: answers as the service’s own functions would, line by line, seeded', () => {
    const comments = [...decidedLines(), ...decidedLines()];
    const args = ['replay', '--max-error', '0.1', '--audit=0.2', '--min-examples=30', '--seed=5'];
    const run = triage(args, jsonLines(comments));
    expect(run.status).toBe(0);
    expect(run.out).toHaveLength(comments.length);
    const replay = startReplay({ maxError: 0.1, audit: 0.2, minExamples: 30 }, seededRandom(5));
    const expected = comments.map(({ text, url, label }) => replay.next({ input: { text, url }, label }));
    const answers = run.out.map((line) => JSON.parse(line));
    expect(answers.map(({ decision, auto, audit }) => ({ decision, auto, audit }))).toEqual(
      expected.map(({ decision, auto, audit }) => ({ decision, auto, audit })),
    );
    for (const [i, answer] of answers.entries()) expect(answer.scores.remove).toBeCloseTo(expected[i]!.scores.remove, 5);
    expect(answers.some((a) => a.auto && !a.audit)).toBe(true);
    for (const answer of answers) {
      if (!answer.auto) expect(answer.decision).toBe('pending');
      if (answer.audit) expect(answer).toMatchObject({ auto: true, decision: 'pending' });
    }
  });

  it('names the malformed line and stops there, having answered the lines before it', () => {
    const good = { text: 'Thanks for the article', label: 'approved' };
    const run = triage(['replay'], `${JSON.stringify(good)}\n${JSON.stringify({ text: 'no label' })}\n${JSON.stringify(good)}\n`);
    expect(run.status).toBe(1);
    expect(run.out).toHaveLength(1);
    expect(run.err).toContain('line 2: "label"');
    const notJson = triage(['score'], '{"text": "fine"}\n{"text": \n');
    expect(notJson.status).toBe(1);
    expect(notJson.err).toContain('line 2: not a JSON object');
  });

  it('refuses unknown commands and options outside their range', () => {
    expect(triage(['rank'], '').status).toBe(2);
    const run = triage(['replay', `--max-error=${DEFAULT_AUTO_DECIDE.maxError * 50}`], '');
    expect(run.status).toBe(2);
    expect(run.err).toContain('--max-error must be a number from 0 to 0.1');
  });
});
