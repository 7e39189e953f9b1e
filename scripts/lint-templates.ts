/**
 * Lints the default template and those with the options on with cfn-lint,
 * each in every commercial region its region rules let it deploy to (the
 * rules refuse the others at change-set time, lib/regions.ts). Fails when
 * cfn-lint reports an error, and fails, saying so, when cfn-lint is not
 * installed (`pip install cfn-lint`): a missing linter never passes silently.
 * Usage: npm run lint:templates
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../lib/constructs/service-function';
import { regionsAllowedBy } from '../lib/regions';
import { resourceCount, synthesizeTemplate, TEMPLATE_VARIANTS, type TemplateVariant } from './templates';

const OUT_DIR = resolve(PROJECT_ROOT, '.data', 'cfn-lint');

/** W3005 (a redundant DependsOn) is how CDK writes dependencies; it is a warning, never a deploy failure. */
const IGNORED_CHECKS = ['W3005'];

function cfnLintVersion(): string | null {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function main(): number {
  const version = cfnLintVersion();
  if (!version) {
    console.error('cfn-lint is not installed, so the templates were NOT linted. Install it with: pip install cfn-lint');
    return 1;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  let failed = false;
  for (const variant of Object.keys(TEMPLATE_VARIANTS) as TemplateVariant[]) {
    const template = synthesizeTemplate(variant);
    const file = join(OUT_DIR, `${variant}.template.json`);
    writeFileSync(file, JSON.stringify(template, null, 1));
    const regions = regionsAllowedBy(template as Parameters<typeof regionsAllowedBy>[0]);
    const run = spawnSync(
      'cfn-lint',
      ['--regions', ...regions, '--ignore-checks', ...IGNORED_CHECKS, '--format', 'parseable', '--', file],
      {
        encoding: 'utf8',
      },
    );
    const findings = `${run.stdout}${run.stderr}`.trim();
    if (findings) console.log(findings);
    // cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational (1 = it could not run).
    const errors = run.status === null || (run.status & 3) !== 0;
    failed ||= errors;
    console.log(
      `${variant}: ${resourceCount(template)} resources, ${regions.length} regions, ${errors ? 'ERRORS' : 'no errors'} (${version})`,
    );
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
