/** What an import did: counts by outcome, every bad entry with where it is, and notes; as text for the terminal. */
import type { DecisionLabel } from '../../lambda/domain/triage/learning';
import type { ExportFormat, SkipReason } from './source-comment';
import { formatLocation, type Location } from './xml-stream';

export interface BadEntry {
  at: Location;
  sourceId: string | null;
  problem: string;
}

export class ImportSummary {
  read = 0;
  imported = 0;
  readonly skipped = new Map<SkipReason, number>();
  readonly bad: BadEntry[] = [];
  readonly notes = new Map<string, number>();
  /** Set when the file stops being well-formed XML: nothing after it was read. */
  malformed: BadEntry | null = null;
  /** Comments imported before whose status the source has changed since, by change. */
  readonly changed = new Map<string, number>();
  /** Past decisions the site's triage learned from. */
  readonly taught: Record<DecisionLabel, number> = { approved: 0, rejected: 0, spam: 0 };
  /** The article ids the comments go under (one entry per article). */
  readonly articles = new Set<string>();
  /** Stopped by the user (Ctrl-C) before the end of the file. */
  interrupted = false;

  constructor(
    readonly format: ExportFormat,
    readonly dryRun: boolean,
  ) {}

  skip(reason: SkipReason): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  note(note: string): void {
    this.notes.set(note, (this.notes.get(note) ?? 0) + 1);
  }

  change(change: string): void {
    this.changed.set(change, (this.changed.get(change) ?? 0) + 1);
  }

  get skippedTotal(): number {
    return [...this.skipped.values()].reduce((a, b) => a + b, 0);
  }

  get ok(): boolean {
    return this.bad.length === 0 && this.malformed === null;
  }

  /** One line for a progress counter. */
  progressLine(): string {
    return `read ${n(this.read)} · ${this.dryRun ? 'would import' : 'imported'} ${n(this.imported)} · skipped ${n(this.skippedTotal)} · bad ${n(this.bad.length)}`;
  }

  toText(): string {
    const lines = [
      `${this.format === 'wxr' ? 'WordPress export (WXR)' : 'Disqus export'}${this.dryRun ? ', dry run: nothing was written' : ''}`,
      `  comments read     ${n(this.read)}`,
      `  ${this.dryRun ? 'would import' : 'imported    '}      ${n(this.imported)}`,
      `  articles          ${n(this.articles.size)}`,
      // A dry run shows the ids, for the owner to check against the pages' data-article-id.
      ...(this.dryRun && this.articles.size > 0 ? [`    ${articleList(this.articles)}`] : []),
      `  skipped           ${n(this.skippedTotal)}`,
      ...[...this.skipped].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `    ${reason.padEnd(20)} ${n(count)}`),
      `  bad entries       ${n(this.bad.length)}`,
      ...[...this.bad]
        .sort(byPlace)
        .map((entry) => `    ${formatLocation(entry.at)}${entry.sourceId ? ` (id ${entry.sourceId})` : ''}: ${entry.problem}`),
    ];
    if (this.changed.size > 0) {
      lines.push(`  imported before, ${this.dryRun ? 'would change' : 'changed'} at the source`);
      for (const [change, count] of this.changed) lines.push(`    ${change}: ${n(count)}`);
    }
    const taught = this.taught.approved + this.taught.rejected + this.taught.spam;
    if (taught > 0)
      lines.push(
        `  the triage learned from ${n(taught)} past decisions: ${n(this.taught.approved)} approved, ${n(this.taught.rejected)} rejected (trashed), ${n(this.taught.spam)} spam`,
      );
    if (this.notes.size > 0) {
      lines.push('  notes (imported all the same)');
      for (const [note, count] of this.notes) lines.push(`    ${note}: ${n(count)}`);
    }
    if (this.malformed) {
      lines.push(
        `  the file is not well-formed XML at ${formatLocation(this.malformed.at)}: ${this.malformed.problem}`,
        '  nothing after that point was read; fix the file and import it again (what was imported is not stored twice)',
      );
    }
    if (this.interrupted)
      lines.push('  stopped before the end of the file: import it again to carry on (what was imported is not stored twice)');
    return lines.join('\n');
  }
}

const SHOWN_ARTICLES = 30;
function articleList(articles: ReadonlySet<string>): string {
  const shown = [...articles].slice(0, SHOWN_ARTICLES).join(', ');
  return articles.size > SHOWN_ARTICLES ? `${shown}, … (${n(articles.size - SHOWN_ARTICLES)} more)` : shown;
}

const byPlace = (a: BadEntry, b: BadEntry) => a.at.line - b.at.line || a.at.column - b.at.column;
const n = (value: number) => value.toLocaleString('en-US');
