/**
 * The project's own labelled comments (tests/fixtures/triage-corpus.json:
 * civil / abusive / spam, written for the project, never trained on) scored by
 * a model: the figure the model's unit test guards.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractFeatures } from '../../lambda/domain/triage/model/features';
import { type LinearModel, logits } from '../../lambda/domain/triage/model/linear';
import { rocAuc } from './learn';

export const CORPUS_PATH = 'tests/fixtures/triage-corpus.json';

interface CorpusComment {
  label: 'civil' | 'abusive' | 'spam';
  text: string;
  url: string | null;
}

export function readCorpus(root = resolve(__dirname, '../..')): CorpusComment[] {
  return (JSON.parse(readFileSync(resolve(root, CORPUS_PATH), 'utf8')) as { comments: CorpusComment[] }).comments;
}

export interface CorpusAuc {
  /** abusive (1) against civil (0); spam comments left out. */
  remove: number;
  /** spam (1) against civil and abusive (0). */
  spam: number;
  comments: number;
}

export function corpusAuc(model: LinearModel, comments = readCorpus()): CorpusAuc {
  const scored = comments.map((c) => ({ label: c.label, z: logits(model, extractFeatures({ text: c.text, url: c.url })) }));
  const notSpam = scored.filter((s) => s.label !== 'spam');
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    remove: round(
      rocAuc(
        notSpam.map((s) => s.z.remove),
        notSpam.map((s) => (s.label === 'abusive' ? 1 : 0)),
      ),
    ),
    spam: round(
      rocAuc(
        scored.map((s) => s.z.spam),
        scored.map((s) => (s.label === 'spam' ? 1 : 0)),
      ),
    ),
    comments: comments.length,
  };
}
