import { expect, expectTypeOf, test } from 'vitest';
import { builtinReporters, type BuiltinReporterName } from './builtin-reporters.ts';
import { JsonReporter } from './json-reporter.ts';
import { JunitReporter } from './junit-reporter.ts';
import { MarkdownReporter } from './markdown-reporter.ts';
import { TerminalReporter } from './terminal-reporter.ts';

test('lists the built-in reporters by name', () => {
  expect(Object.keys(builtinReporters)).toEqual(['terminal', 'json', 'junit', 'markdown']);
  expectTypeOf<BuiltinReporterName>().toEqualTypeOf<'terminal' | 'json' | 'junit' | 'markdown'>();
});

test('builds each reporter from the shared options', () => {
  expect(builtinReporters.terminal({ out: { write: () => true }, color: false })).toBeInstanceOf(TerminalReporter);
  expect(builtinReporters.json({ file: 'out/r.json' })).toMatchObject({ file: 'out/r.json' });
  expect(builtinReporters.json()).toBeInstanceOf(JsonReporter);
  expect(builtinReporters.json()).toMatchObject({ file: 'results/results.json' });
  expect(builtinReporters.junit()).toBeInstanceOf(JunitReporter);
  expect(builtinReporters.junit()).toMatchObject({ file: 'results/junit.xml' });
  expect(builtinReporters.markdown({ env: { GITHUB_STEP_SUMMARY: '/tmp/summary.md' } })).toMatchObject({
    file: undefined,
    stepSummary: '/tmp/summary.md',
  });
  expect(builtinReporters.markdown({ env: {} })).toBeInstanceOf(MarkdownReporter);
});
