/**
 * The model card's figures are what the training's and the evaluation's
 * results files say: re-rendering them changes nothing, so a hand edit of a
 * figure, or results committed without their card, fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_CARD, readEval, readModelFigures, trainingMarkdown } from '../../bench/triage/card';
import { evalMarkdown, region } from '../../bench/triage/eval-report';

const card = readFileSync(resolve(__dirname, '../..', MODEL_CARD), 'utf8');

describe('the model card', () => {
  it('shows the training figures of the committed weights', () => {
    expect(region(card, 'model-training')).toBe(trainingMarkdown(readModelFigures()));
  });

  it('shows the committed leave-source-out figures, Fox News among them', () => {
    const evaluation = readEval();
    expect(evaluation?.data).toBe('given');
    expect(region(card, 'triage-eval')).toBe(evalMarkdown(evaluation!));
    expect(evaluation!.sources.map((s) => s.file)).toContain('fox-news-comments');
  });
});
