/** The reasons `builtin` adds to every comment it lets through: both scores, recorded even when nothing was found. */
import { expect } from 'vitest';

export const BUILTIN_SCORES = [
  expect.objectContaining({ rule: 'spam', provider: 'builtin', score: expect.any(Number) }),
  expect.objectContaining({ rule: 'toxicity', provider: 'builtin', score: expect.any(Number) }),
];
