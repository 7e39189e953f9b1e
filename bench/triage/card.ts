/**
 * The model card's figures (docs/model-card.md) are generated from the two
 * results files the runs write: the training's (model-figures.json) and the
 * leave-source-out evaluation's (bench/results/triage-eval.json). A test
 * re-renders them and compares, so no figure there is typed by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalMarkdown, type TriageEval, writeRegion } from './eval-report';

const ROOT = resolve(__dirname, '../..');
export const MODEL_CARD = 'docs/model-card.md';
export const MODEL_FIGURES = 'lambda/domain/triage/model/model-figures.json';
export const EVAL_RESULTS = 'bench/results/triage-eval.json';

export interface ModelFigures {
  trainedOn: string;
  bits: number;
  learning: Record<string, number>;
  sameSourceHeldOutTenth: Record<string, { head: string; auc: number | null; rows: number }>;
  corpus: Record<'float32' | 'int8', { remove: number; spam: number; comments: number }>;
}

export function trainingMarkdown(f: ModelFigures): string {
  const rows = Object.entries(f.sameSourceHeldOutTenth).map(
    ([file, s]) => `| ${file} | ${s.head} | ${s.rows.toLocaleString('en-US')} | ${s.auc === null ? 'one class only' : s.auc.toFixed(3)} |`,
  );
  return [
    `Trained on: ${f.trainedOn}. Hash space 2^${f.bits} per head; ${f.learning.epochs} epochs, learning rate ${f.learning.learningRate}, L2 ${f.learning.l2}, seed ${f.learning.seed}.`,
    '',
    `On the project's own corpus (tests/fixtures/triage-corpus.json, ${f.corpus.int8.comments} comments, never trained on), ROC AUC of the shipped (8-bit) weights: remove ${f.corpus.int8.remove.toFixed(3)} (abusive against civil), spam ${f.corpus.int8.spam.toFixed(3)} (spam against the rest); before rounding: ${f.corpus.float32.remove.toFixed(3)} and ${f.corpus.float32.spam.toFixed(3)}.`,
    '',
    ...(rows.length > 0
      ? [
          'Same-source check (a seeded tenth of each file held out of one training; train and test share a source, so these are optimistic):',
          '',
          '| file | head | rows held out | ROC AUC |',
          '| --- | --- | --- | --- |',
          ...rows,
          '',
        ]
      : []),
  ].join('\n');
}

export function readModelFigures(): ModelFigures {
  return JSON.parse(readFileSync(resolve(ROOT, MODEL_FIGURES), 'utf8')) as ModelFigures;
}

export function readEval(): TriageEval | undefined {
  const path = resolve(ROOT, EVAL_RESULTS);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as TriageEval) : undefined;
}

/** Re-renders both generated regions of the model card from the committed results files. */
export function writeModelCard(path = resolve(ROOT, MODEL_CARD)): void {
  writeRegion(path, 'model-training', trainingMarkdown(readModelFigures()));
  const evaluation = readEval();
  if (evaluation) writeRegion(path, 'triage-eval', evalMarkdown(evaluation));
}
