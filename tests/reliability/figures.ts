/**
 * Where the reliability figures go. A run of the suite writes each area's
 * figures to a git-ignored directory; only `npm run reliability:report`
 * (tests/reliability/report.ts) and `npm run soak` copy them into the tracked
 * docs/reliability.md and the reliability headlines of docs/testing.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
export const FIGURES_DIR = resolve(ROOT, '.data/reports/reliability');
export const REPORT_FILE = resolve(ROOT, 'docs/reliability.md');
/** The contributors' page that repeats each area's headline. */
export const SUMMARY_FILE = resolve(ROOT, 'docs/testing.md');

export const SECTIONS = ['corpus', 'properties', 'access', 'privacy', 'concurrency', 'outage', 'soak'] as const;
export type Section = (typeof SECTIONS)[number];

/** The suite's areas (the soak is its own command). */
export const SUITE_SECTIONS: readonly Section[] = SECTIONS.filter((s) => s !== 'soak');

export const figuresFile = (section: Section) => resolve(FIGURES_DIR, `${section}.md`);

/** Writes one area's figures to the git-ignored figures directory. */
export function writeFigures(section: Section, markdown: string): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(figuresFile(section), `${markdown.trim()}\n`);
}

/** The figures the last run wrote for an area, or null if it wrote none (its tests failed or did not run). */
export function readFigures(section: Section): string | null {
  const file = figuresFile(section);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

const HEADER = `# Reliability

Figures written from a run of the reliability suite: \`npm run reliability:report\`
runs tests/reliability/ and regenerates every section but the soak, which
\`npm run soak\` (tests/soak/run.ts) regenerates. An area whose tests failed in
that run publishes no figures. Do not edit by hand; rerun the command.
`;

const marker = (s: Section, end = false) => `<!-- reliability:${s}:${end ? 'end' : 'start'} -->`;
const TITLES: Record<Section, string> = {
  corpus: 'Bad input',
  properties: 'Properties (fast-check)',
  access: 'Access control',
  privacy: 'Privacy sweep',
  concurrency: 'Concurrency',
  outage: 'Outage',
  soak: 'Soak',
};

/** What an area publishes when its run produced no figures. */
export const notPublished = (section: Section, when: string) =>
  `## ${TITLES[section]}\n\n**Not published: its tests did not all pass in the run of ${when}.**\n`;

const SUMMARY = /(<!-- reliability:summary:start -->\n)[\s\S]*?(<!-- reliability:summary:end -->)/;

/** Where `publish` writes: the generated page and the page that repeats its headlines. */
export interface PublishedFiles {
  report: string;
  summary: string;
}

const PUBLISHED: PublishedFiles = { report: REPORT_FILE, summary: SUMMARY_FILE };

/** Each area's section body in a generated page, as `publish` wrote it. */
export function sectionBodies(page: string): Map<Section, string> {
  const bodies = new Map<Section, string>();
  for (const s of SECTIONS) {
    const match = new RegExp(`${marker(s)}\\n([\\s\\S]*?)${marker(s, true)}`).exec(page);
    if (match) bodies.set(s, match[1]!);
  }
  return bodies;
}

/** One summary line per area: its title and the bold headline its run wrote. */
export function summaryLines(bodies: ReadonlyMap<Section, string>): string[] {
  return SECTIONS.flatMap((s) => {
    const body = bodies.get(s);
    const title = body && /^## (.+)$/m.exec(body)?.[1];
    const headline = body && /^\*\*(.+?)\*\*/m.exec(body)?.[1];
    return title && headline ? [`- **${title}**: ${headline}`] : [];
  });
}

/**
 * Replaces the given sections of docs/reliability.md (others are kept as they
 * are) and mirrors each section's headline into docs/testing.md.
 */
export function publish(sections: ReadonlyMap<Section, string>, files: PublishedFiles = PUBLISHED): void {
  const bodies = sectionBodies(existsSync(files.report) ? readFileSync(files.report, 'utf8') : HEADER);
  for (const [s, markdown] of sections) bodies.set(s, `${markdown.trim()}\n`);
  const parts = [HEADER];
  for (const s of SECTIONS) {
    const body = bodies.get(s);
    if (body !== undefined) parts.push(`${marker(s)}\n${body}${marker(s, true)}\n`);
  }
  writeFileSync(files.report, parts.join('\n'));
  const page = readFileSync(files.summary, 'utf8');
  if (!SUMMARY.test(page)) throw new Error(`${files.summary} has no reliability:summary markers`);
  writeFileSync(
    files.summary,
    page.replace(SUMMARY, (_m, start: string, end: string) => `${start}${summaryLines(bodies).join('\n')}\n${end}`),
  );
}

/** The summary lines a page carries between its reliability:summary markers. */
export function publishedSummary(page: string): string[] {
  return (SUMMARY.exec(page)?.[0] ?? '').split('\n').filter((line) => line.startsWith('- '));
}
