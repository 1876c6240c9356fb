// The JUnit XML report, in the dialect GitLab, Jenkins and GitHub test-reporting actions read:
// one <testsuite> per grade, one <testcase> per check, failures and timeouts as <failure>, harness breaks as <error>.
// A failure's `type` is its stable code when known (BCH_CHECK_TIMEOUT…), else its state; a grade's code is a property.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CheckResult, GradeResult, RunResult } from '../grading/grade-result.ts';
import { formatLoadFigures } from './format-load-figures.ts';
import { formatRuleEvaluation } from './format-rule-evaluation.ts';
import { lastLines } from './last-lines.ts';
import { sanitizeText } from './sanitize-text.ts';

/** How many last lines of the candidate's output a failure body keeps. */
const outputLines = 40;

/** Renders a run as a JUnit XML document. */
export function toJunitReport(run: RunResult): string {
  const cases = run.grades.map(testCasesOf);
  const count = (kind: 'failure' | 'error') => cases.flat().filter((c) => c.kind === kind).length;
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('testsuites', {
    name: 'bch',
    tests: String(cases.flat().length),
    failures: String(count('failure')),
    errors: String(count('error')),
    time: seconds(run.durationMs),
  });
  run.grades.forEach((grade, index) => addSuite(root, grade, cases[index]));
  return `${root.end({ prettyPrint: true })}\n`;
}

interface TestCase {
  classname: string;
  name: string;
  durationMs: number;
  kind: 'pass' | 'failure' | 'error';
  type?: string;
  message?: string;
  body?: string;
}

/** The test cases of one grade; a grade that errored with no erroring check gets one more case, so CI sees the error. */
function testCasesOf(grade: GradeResult): TestCase[] {
  const cases = grade.checks.map((check) => testCaseOf(grade, check));
  if (grade.status === 'error' && !cases.some((c) => c.kind === 'error')) {
    const message = grade.message ?? 'the environment broke: the score must not be trusted';
    cases.push({
      classname: `${grade.challenge.id}.harness`,
      name: 'grade: environment',
      durationMs: 0,
      kind: 'error',
      type: grade.code ?? 'error',
      message,
      body: message,
    });
  }
  return cases;
}

/** One check as a test case. */
function testCaseOf(grade: GradeResult, check: CheckResult): TestCase {
  const base = { classname: `${grade.challenge.id}.${check.category}`, name: `${check.id}: ${check.title}`, durationMs: check.durationMs };
  if (check.state === 'passed') return { ...base, kind: 'pass' };
  const message = check.message ?? (check.state === 'timeout' ? 'the check timed out' : check.state);
  return {
    ...base,
    kind: check.state === 'error' ? 'error' : 'failure',
    type: check.code ?? check.state,
    message,
    body: failureBody(check, message),
  };
}

/** The text inside <failure>/<error>: the message, the load figures beside the rules, the end of the output. */
function failureBody(check: CheckResult, message: string): string {
  const parts = [message];
  if (check.load) {
    parts.push([`Measured: ${formatLoadFigures(check.load.metrics)}`, ...check.load.rules.map(formatRuleEvaluation)].join('\n'));
  }
  const output = lastLines(check.output, outputLines);
  if (output.length > 0) parts.push(`Output (last ${output.length} lines):\n${output.join('\n')}`);
  return parts.join('\n\n');
}

/** Adds one grade's <testsuite> with its score properties and cases. */
function addSuite(root: XMLBuilder, grade: GradeResult, cases: TestCase[]): void {
  const suite = root.ele('testsuite', {
    name: `${grade.challenge.id}: ${grade.submission}`,
    tests: String(cases.length),
    failures: String(cases.filter((c) => c.kind === 'failure').length),
    errors: String(cases.filter((c) => c.kind === 'error').length),
    skipped: '0',
    time: seconds(grade.durationMs),
  });
  const properties = suite.ele('properties');
  const values: Record<string, string | number | boolean> = {
    score: grade.score,
    max_score: grade.maxScore,
    min_score: grade.minScore,
    meets_min_score: grade.meetsMinScore,
    status: grade.status,
    suite: grade.suite,
    provider: grade.provider,
    sandbox: grade.sandbox.mechanism,
    ...(grade.code && { code: grade.code }),
  };
  for (const [name, value] of Object.entries(values)) properties.ele('property', { name, value: String(value) });
  for (const c of cases) addCase(suite, c);
  if (grade.message) suite.ele('system-err').txt(plain(grade.message));
}

/** Adds one <testcase>, with its <failure> or <error> when it did not pass. */
function addCase(suite: XMLBuilder, c: TestCase): void {
  const element = suite.ele('testcase', { classname: c.classname, name: c.name, time: seconds(c.durationMs) });
  if (c.kind === 'pass') return;
  const message = plain(c.message ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  element.ele(c.kind, { message, type: c.type ?? c.kind }).txt(plain(c.body ?? ''));
}

/** Milliseconds as JUnit's seconds with three decimals. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** Text without terminal escapes or control characters (so nothing invalid in XML is left). */
function plain(text: string): string {
  return sanitizeText(text);
}
