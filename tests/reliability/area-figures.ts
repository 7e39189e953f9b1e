/**
 * The hook each reliability test file uses to leave its figures: written only
 * when every test of the file passed, so an area whose tests failed publishes
 * nothing, and always to the git-ignored figures directory (npm test leaves
 * tracked files alone).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, type RunnerTask } from 'vitest';
import { figuresFile, writeFigures, type Section } from './figures';

/** Every test under `task` ran and passed (a failed beforeAll leaves its tests unpassed). */
export function everyTestPassed(task: Readonly<RunnerTask>): boolean {
  if (task.type === 'test') return task.result?.state === 'pass';
  if (task.result?.state === 'fail') return false;
  return task.tasks.length > 0 && task.tasks.every(everyTestPassed);
}

/** The tests under `task`. */
export function countTests(task: Readonly<RunnerTask>): number {
  return task.type === 'test' ? 1 : task.tasks.reduce((n, t) => n + countTests(t), 0);
}

/**
 * Call once at the top level of a test file: after the file has run, `build`
 * is called (with the number of tests that passed) and its figures written,
 * only if every test of the file passed. A previous run's figures are removed
 * first so they cannot pass for this run's.
 */
export function publishFiguresIfAllPassed(section: Section, build: (passedTests: number) => string): void {
  beforeAll(() => rmSync(figuresFile(section), { force: true }));
  // Vitest reads the first parameter's pattern: it must be a destructuring one; the file task is the second.
  // biome-ignore lint/correctness/noEmptyPattern: the test context is not used.
  afterAll(({}, file) => {
    if (everyTestPassed(file)) writeFigures(section, build(countTests(file)));
  });
}
