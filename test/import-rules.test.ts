// The import rules (.dependency-cruiser.cjs) catch what they are for: a small tree under
// test/fixtures/import-rules/ plants one import of each kind they forbid, beside imports they allow.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from './support/variants.ts';

interface Cruise {
  summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
}

function cruise(cwd: string): Cruise {
  const depcruise = join(repoRoot, 'node_modules', '.bin', 'depcruise');
  const args = ['--config', join(repoRoot, '.dependency-cruiser.cjs'), 'harness/**/*.ts', 'challenges/**/*.ts', '--output-type', 'json'];
  let stdout: string;
  try {
    stdout = execFileSync(depcruise, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout); // violations end with a non-zero exit
  }
  return JSON.parse(stdout) as Cruise;
}

test('a planted wrong import fails the rule it breaks, and allowed imports pass', () => {
  const violations = cruise(join(repoRoot, 'test', 'fixtures', 'import-rules'))
    .summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort();
  expect(violations).toEqual([
    'challenge-code-through-the-testkit: challenges/demo/fixtures/helper.ts → harness/process/allowed.ts',
    'layer-process: harness/process/planted.ts → harness/grading/decide.ts',
    'no-circular: harness/grading/again.ts → harness/grading/decide.ts',
    'root-files-at-the-bottom: harness/errors.ts → harness/grading/decide.ts',
  ]);
});
