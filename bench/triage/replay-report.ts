/** The replay curves as markdown (bench/results/triage-replay.md, docs/triage-gate.md's generated region) and as benchmark targets. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AutoDecideSettings } from '../../lambda/domain/triage/learning';
import type { TargetCheck } from '../targets';
import { CHECKPOINTS, type ReplayFigures, SECONDS_PER_DECISION } from './replay';

export const REPLAY_RESULTS = 'bench/results/triage-replay.json';
const ROOT = resolve(__dirname, '../..');

export interface ReplayResults {
  data: 'given';
  settings: AutoDecideSettings;
  learningBatch: number;
  seed: number;
  sources: ReplayFigures[];
}

const pct = (share: number | null) => (share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`);
const count = (n: number) => n.toLocaleString('en-US');
const PREMODERATION_MINUTES = Math.round(((1000 * SECONDS_PER_DECISION) / 60) * 10) / 10;

/** The automatic share in the window ending at checkpoint `i`; a source that ends inside it shows where. */
function windowShare(s: ReplayFigures, i: number): string {
  const from = i === 0 ? 0 : CHECKPOINTS[i - 1]!;
  const window = s.curve.find((c) => c.from === from);
  if (!window) return '—';
  return window.to === CHECKPOINTS[i] ? pct(window.automatic) : `${pct(window.automatic)} (to ${count(window.to)})`;
}

export function replayMarkdown(r: ReplayResults): string {
  const header = [
    'source (comments: approved / rejected / spam)',
    ...CHECKPOINTS.map((c, i) => `automatic, comments ${count(i === 0 ? 0 : CHECKPOINTS[i - 1]!)}–${count(c)}`),
    'automatic, second half',
    'published / rejected / spam automatically',
    'error of automatic publishes',
    'error of automatic removals',
    'audits',
    `moderator minutes per 1,000 (premoderation ${PREMODERATION_MINUTES})`,
  ];
  const rows = r.sources.map((s) => [
    `${s.file} (${count(s.comments)}: ${count(s.labels.approved)} / ${count(s.labels.rejected)} / ${count(s.labels.spam)})`,
    ...CHECKPOINTS.map((_, i) => windowShare(s, i)),
    pct(s.secondHalfAutomatic),
    `${count(s.automatic.published)} / ${count(s.automatic.rejected)} / ${count(s.automatic.spam)}`,
    pct(s.publishError),
    pct(s.removalError),
    count(s.audits),
    String(s.moderatorMinutesPer1000),
  ]);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Each source is one new site: its comments in a seeded order (seed ${r.seed}), through the service's own scoring, gate (maxError ${r.settings.maxError}, audit ${r.settings.audit}, minExamples ${r.settings.minExamples}) and learning, ` +
      `the label revealed to the learner only for comments a person saw (queued or audited), ${r.learningBatch} decisions per lesson. ` +
      'The prior under each site is trained on every other file, as the shipped model is. ' +
      '"Automatic" counts comments published, rejected or marked spam without a person (audits are seen by one). ' +
      'An error of an automatic publish is a published comment the moderator removed; of a removal, a removed comment the moderator approved. ' +
      `Moderator minutes: comments a person decided × ${SECONDS_PER_DECISION} s. "—": the source has fewer comments, or nothing was decided automatically.`,
    '',
  ].join('\n');
}

const START = '<!-- triage-replay:start -->';
const END = '<!-- triage-replay:end -->';

export function writeReplayRegion(path: string, r: ReplayResults): void {
  const page = readFileSync(path, 'utf8');
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path} has no ${START} … ${END} region`);
  writeFileSync(path, `${page.slice(0, from + START.length)}\n${replayMarkdown(r)}${page.slice(to)}`);
}

export function replayRegion(page: string): string | undefined {
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  return from < 0 || to < from ? undefined : page.slice(from + START.length + 1, to);
}

export function committedReplay(): ReplayResults | undefined {
  const path = resolve(ROOT, REPLAY_RESULTS);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReplayResults) : undefined;
}

/** The replay curves' part of the benchmark's triage section, from the committed run (training takes minutes: \`npm run triage:replay\`). */
export function replaySection(): string[] {
  const committed = committedReplay();
  return [
    '### Replay curves',
    committed
      ? `From ${REPLAY_RESULTS}, written by \`npm run triage:replay -- --data DIR\`:\n\n${replayMarkdown(committed)}`
      : `No replay figures: \`npm run triage:replay -- --data DIR\` writes ${REPLAY_RESULTS}.`,
  ];
}

/** The replay targets, judged on the committed run. */
export function replayTargets(r: ReplayResults | undefined): TargetCheck[] {
  if (!r) return [];
  const from = `(${REPLAY_RESULTS})`;
  const targets: TargetCheck[] = [];
  const errors = r.sources.flatMap((s) => [s.publishError, s.removalError]).filter((e): e is number => e !== null);
  const worst = errors.length > 0 ? Math.max(...errors) : 0;
  targets.push({
    target: 'Triage replay: the measured error of automatic decisions ≤ 2.5 % on every held-out source',
    measured: `at most ${pct(worst)} ${from}`,
    met: worst <= 0.025,
  });
  const youtube = r.sources.find((s) => s.file === 'youtube-spam');
  if (youtube) {
    targets.push({
      target: 'Triage replay: ≥ 50 % of the second half of the YouTube comments decided automatically, prior trained without them',
      measured: `${pct(youtube.secondHalfAutomatic)} ${from}`,
      met: youtube.secondHalfAutomatic >= 0.5,
    });
  }
  return targets;
}
