/** The template lint in CI never passes silently: without cfn-lint it fails and says how to install it. */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run lint:templates', () => {
  it('fails, naming the missing linter and how to install it, when cfn-lint is not on the PATH', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lint-templates.ts'], {
      encoding: 'utf8',
      // Node alone on the PATH: no cfn-lint.
      env: { ...process.env, PATH: dirname(process.execPath) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cfn-lint is not installed');
    expect(run.stderr).toContain('pip install cfn-lint');
  }, 60_000);
});
