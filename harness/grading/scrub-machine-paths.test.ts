import { describe, expect, test } from 'vitest';
import { sampleGrade } from '../reporters/fixtures/sample-grade.ts';
import { scrubMachinePaths } from './scrub-machine-paths.ts';

const places = [
  { path: '/tmp/bch/run-1/g1/app', as: '' },
  { path: '/tmp/bch/run-1/g1', as: '<grade>/' },
  { path: '/tmp/bch/run-1', as: '<run>/' },
  { path: '/work/bch', as: '<harness>/' },
];

describe('scrubMachinePaths', () => {
  test("the submission's paths become relative, the grade's, the run's and the harness's get short names", () => {
    const grade = sampleGrade();
    grade.message = 'your service did not start; Error: boom (/tmp/bch/run-1/g1/app/src/app.ts:5:2)';
    grade.checks[1].output = [
      '    at start (file:///tmp/bch/run-1/g1/app/src/server.ts:10:3)',
      '    at load (/work/bch/node_modules/tsx/dist/loader.mjs:1:1)',
      'wrote /tmp/bch/run-1/g1/processes/a.json',
      'cwd /tmp/bch/run-1/g1/app',
    ].join('\n');
    grade.startFailure = { cause: { line: 'Error: boom', file: 'src/app.ts:5:2' }, output: 'at /tmp/bch/run-1/g1/app/src/app.ts:5:2' };
    const scrubbed = scrubMachinePaths(grade, places);
    expect(scrubbed.message).toBe('your service did not start; Error: boom (src/app.ts:5:2)');
    expect(scrubbed.checks[1].output).toBe(
      [
        '    at start (src/server.ts:10:3)',
        '    at load (<harness>/node_modules/tsx/dist/loader.mjs:1:1)',
        'wrote <grade>/processes/a.json',
        'cwd .',
      ].join('\n'),
    );
    expect(scrubbed.startFailure?.output).toBe('at src/app.ts:5:2');
    expect(JSON.stringify(scrubbed)).not.toContain('/tmp/bch');
  });
});
