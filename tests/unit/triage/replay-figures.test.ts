import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPrior } from '../../../lambda/domain/triage/site';
import { replaySource, SECONDS_PER_DECISION } from '../../../bench/triage/replay';
import { committedReplay, replayMarkdown, replayRegion } from '../../../bench/triage/replay-report';
import type { Row } from '../../../scripts/triage/data';

const ROOT = resolve(__dirname, '../../..');
const ROW_LABEL: Record<string, Row['label']> = { civil: 'civil', abusive: 'toxic', spam: 'spam' };

describe('the replay figures', () => {
  it('in docs/triage-gate.md are the committed run’s, as generated', () => {
    const committed = committedReplay();
    expect(committed, 'bench/results/triage-replay.json is committed').toBeDefined();
    const page = readFileSync(resolve(ROOT, 'docs/triage-gate.md'), 'utf8');
    expect(replayRegion(page)).toBe(replayMarkdown(committed!));
  });

  it('count what a moderator would do: every comment is decided by the gate or a person, 10 s per person’s decision', () => {
    const corpus = (
      JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/triage-corpus.json'), 'utf8')) as {
        comments: { label: string; text: string }[];
      }
    ).comments;
    const rows: Row[] = corpus.map((c) => ({ text: c.text, label: ROW_LABEL[c.label]!, file: 'corpus', lang: 'en' }));
    const settings = { maxError: 0.1, audit: 0.1, minExamples: 30 };
    const figures = replaySource('corpus', [...rows, ...rows], { prior: shippedPrior(), settings, seed: 3 });
    expect(figures.comments).toBe(2 * rows.length);
    const automatic = figures.automatic.published + figures.automatic.rejected + figures.automatic.spam;
    expect(automatic).toBeGreaterThan(0);
    const byPerson = figures.comments - automatic;
    expect(figures.moderatorMinutesPer1000).toBeCloseTo(((byPerson * SECONDS_PER_DECISION) / 60 / figures.comments) * 1000, 1);
    expect(figures.curve.at(-1)!.to).toBe(figures.comments);
    expect(figures.audits).toBeGreaterThan(0);
  });
});
