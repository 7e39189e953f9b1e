/**
 * The builtin patterns against the labelled corpus (tests/fixtures/triage-corpus.json).
 *
 * - No pattern entry, nor any variant of one, may match holdout comments and
 *   no tuning comment: such an entry was written from the holdout, and the
 *   holdout's figures would then overstate how the patterns do on new comments.
 * - Hold rates per class are asserted on the tuning split only. The holdout is
 *   counted into a git-ignored file (counts only, never the comments) and
 *   never asserted: asserting it would make it a second tuning set.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_WORDS } from '../../../lambda/domain/triage/abuse-words';
import { loadBuiltin } from '../../../lambda/domain/triage/builtin';
import { DEFAULT_SETTINGS } from '../../../lambda/domain/settings';
import { holdsAt } from '../../../lambda/domain/triage/decision';
import { revealWords } from '../../../lambda/domain/triage/evasions';
import { SLURS, STARRABLE, starredSource } from '../../../lambda/domain/triage/profanity';
import { SPAM_VOCABULARY, SPUN_TEMPLATES } from '../../../lambda/domain/triage/spam';
import { variants } from '../../support/regex-variants';

interface CorpusComment {
  label: 'civil' | 'abusive' | 'spam';
  split: 'tuning' | 'holdout';
  text: string;
  author: string;
  url: string | null;
}
const corpus = (JSON.parse(readFileSync(join(__dirname, '../../fixtures/triage-corpus.json'), 'utf8')) as { comments: CorpusComment[] })
  .comments;
const tuning = corpus.filter((c) => c.split === 'tuning');
const holdout = corpus.filter((c) => c.split === 'holdout');
// Both the written text and what the patterns see after evasions are undone ("B*llocks", "1d10t").
const texts = (comments: CorpusComment[]) => comments.flatMap((c) => [c.text, revealWords(c.text)]);

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
const ENTRIES: { list: string; entry: string }[] = [
  ...SPAM_VOCABULARY.map((entry) => ({ list: 'spam vocabulary', entry })),
  ...SPUN_TEMPLATES.map((entry) => ({ list: 'spun templates', entry })),
  ...STARRABLE.map((entry) => ({ list: 'starred profanity', entry: starredSource(entry) })),
  ...[...SLURS].map((entry) => ({ list: 'slurs', entry })),
  ...ABUSE_WORDS.map((entry) => ({ list: 'abuse words', entry })),
];

/**
 * Entries in the patterns' first version, which was written before the present
 * holdout was: they match only holdout comments by chance, not because they
 * were copied from them. Removing them now because of the holdout would tune
 * on it too. No entry may be added here.
 */
const WRITTEN_BEFORE_THE_HOLDOUT = ['spam vocabulary: pharmacy', 'abuse words: idiotic', 'abuse words: senile'];

describe('pattern entries and the holdout', () => {
  it('has no entry that matches only holdout comments', () => {
    const tuningTexts = texts(tuning);
    const holdoutTexts = texts(holdout);
    const onlyHoldout: string[] = [];
    let checked = 0;
    for (const { list, entry } of ENTRIES) {
      for (const variant of variants(entry)) {
        const pattern = new RegExp(`${WORD_START}(?:${variant})${WORD_END}`, 'iu');
        checked += 1;
        const name = `${list}: ${variant}`;
        if (WRITTEN_BEFORE_THE_HOLDOUT.includes(name)) continue;
        if (holdoutTexts.some((t) => pattern.test(t)) && !tuningTexts.some((t) => pattern.test(t))) onlyHoldout.push(name);
      }
    }
    // Names the entry, never the comment it matched.
    expect(onlyHoldout).toEqual([]);
    expect(checked).toBeGreaterThan(ENTRIES.length);
  });
});

/**
 * Floors from a run of the patterns on the tuning split (2026-12-07, after the
 * holdout-only entries were removed): spam 80 of 80 held, abusive 121 of 121,
 * civil 0 of 216. The floors leave a little room for a deliberate trade-off;
 * a civil comment held is never allowed on the tuning split.
 */
const TUNING_FLOORS = { spamHeld: 0.95, abusiveHeld: 0.95, civilHeldAtMost: 0 };

describe('hold rates per class', () => {
  let held: (c: CorpusComment) => boolean;
  beforeAll(async () => {
    const builtin = await loadBuiltin();
    const { holdAt } = DEFAULT_SETTINGS.triage.toxicity;
    held = (c) => holdsAt('spam', builtin.spam(c).score, holdAt) || holdsAt('toxicity', builtin.toxicity(c.text).score, holdAt);
  });
  const rate = (comments: CorpusComment[], label: CorpusComment['label']) => {
    const ofLabel = comments.filter((c) => c.label === label);
    return { held: ofLabel.filter((c) => held(c)).length, of: ofLabel.length };
  };

  it('has a tuning split with every class', () => {
    for (const label of ['civil', 'abusive', 'spam'] as const) expect(rate(tuning, label).of).toBeGreaterThanOrEqual(50);
  });

  it('holds spam and abuse of the tuning split at or above the floors, and no civil comment', () => {
    const spam = rate(tuning, 'spam');
    const abusive = rate(tuning, 'abusive');
    const civil = rate(tuning, 'civil');
    expect(spam.held / spam.of).toBeGreaterThanOrEqual(TUNING_FLOORS.spamHeld);
    expect(abusive.held / abusive.of).toBeGreaterThanOrEqual(TUNING_FLOORS.abusiveHeld);
    expect(civil.held / civil.of).toBeLessThanOrEqual(TUNING_FLOORS.civilHeldAtMost);
  });

  it('counts the holdout into a git-ignored report, without asserting on it', () => {
    const counts = Object.fromEntries((['civil', 'abusive', 'spam'] as const).map((label) => [label, rate(holdout, label)]));
    const dir = join(__dirname, '../../../.data/reports/triage');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'holdout-counts.json'), `${JSON.stringify({ split: 'holdout', held: counts }, null, 2)}\n`);
    expect(Object.values(counts).reduce((n, c) => n + c.of, 0)).toBe(holdout.length);
  });
});
