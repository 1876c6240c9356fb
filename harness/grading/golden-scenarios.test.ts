// Golden scenarios, in the manner of Exercism's test runners: each folder of scenarios/ holds the facts a grade's
// steps ended with (facts.json), and beside them what the harness decides and prints from them: the decision and
// the exit code (decision.json), and every reporter's output (report.json, junit.xml, summary.md, terminal.txt).
// Every decision path of a grade runs here in milliseconds, without a service or a process. A change of behaviour
// shows as a diff of these files; `npx vitest run harness/grading/golden-scenarios.test.ts -u` rewrites them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { describe, expect, test } from 'vitest';
import { toJsonReport } from '../reporters/json-report.ts';
import { gradeResultsSchema } from '../reporters/json-report-schema.ts';
import { toJunitReport } from '../reporters/junit-report.ts';
import { toMarkdownSummary } from '../reporters/markdown-summary.ts';
import { renderGradeSummary } from '../reporters/terminal-grade-summary.ts';
import { decideGrade, type GradeFacts } from './decide-grade.ts';
import { exitCodeOfRun } from './exit-code-of-run.ts';
import { outcomeCodes, type GradeResult, type RunResult } from './grade-result.ts';
import { integrityMessage, untrustedGrade } from './harness-integrity.ts';

const scenariosDir = join(import.meta.dirname, 'scenarios');
const scenarios = readdirSync(scenariosDir).sort();

/** A scenario's facts; `harnessChanged` lists files the integrity check found changed after the grade. */
type ScenarioFacts = GradeFacts & { harnessChanged?: string[] };

/** The grade's result as the harness builds it around the decision, with fixed figures where a real grade measures. */
function resultOf(facts: ScenarioFacts): GradeResult {
  const decision = decideGrade(facts);
  const result: GradeResult = {
    challenge: { id: 'golden', title: 'Golden scenarios' },
    submission: 'submissions/alice',
    received: 'folder, root the top folder (6 entries)',
    suite: facts.suite,
    ...decision,
    provider: 'external',
    sandbox: {
      mechanism: 'bwrap',
      limits: { memoryBytes: 1024 ** 3, tasks: 256, diskBytes: 1024 ** 3 },
      enforced: { memory: true, tasks: true, disk: true },
    },
    durationMs: 4321,
    phases: { receive: 3, prepare: 40, isolate: 25, start: 900, tests: 3300 },
  };
  return facts.harnessChanged ? untrustedGrade(result, integrityMessage(facts.harnessChanged)) : result;
}

/** The outputs of a scenario, by file name. */
function outputsOf(facts: ScenarioFacts): Record<string, string> {
  const result = resultOf(facts);
  const run: RunResult = { grades: [result], servicesMs: 0, durationMs: result.durationMs };
  const { challenge, submission, received, provider, sandbox, durationMs, phases, ...decision } = result;
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const report = toJsonReport(result, {
    harnessVersion: '0.0.0-golden',
    challengeVersion: 'golden',
    gradedAt: new Date('2026-12-07T09:00:00Z'),
  });
  // What the writer writes, the reader reads: one schema for both (json-report-schema.ts).
  gradeResultsSchema.parse(JSON.parse(json(report)));
  return {
    'decision.json': json({ exitCode: exitCodeOfRun(run, facts.suite), ...decision }),
    'report.json': json(report),
    'junit.xml': toJunitReport(run),
    'summary.md': toMarkdownSummary(result),
    'terminal.txt': renderGradeSummary(result, pc.createColors(false)),
  };
}

const factsOf = (scenario: string): ScenarioFacts =>
  JSON.parse(readFileSync(join(scenariosDir, scenario, 'facts.json'), 'utf8')) as ScenarioFacts;

describe('golden scenarios', () => {
  for (const scenario of scenarios) {
    test(scenario, async () => {
      for (const [file, text] of Object.entries(outputsOf(factsOf(scenario)))) {
        await expect(text, `${scenario}/${file}`).toMatchFileSnapshot(join(scenariosDir, scenario, file));
      }
    });
  }

  test('every outcome, exit code and outcome code has a scenario', () => {
    const decisions = scenarios.map((scenario) => JSON.parse(outputsOf(factsOf(scenario))['decision.json']));
    const seen = (key: string) => new Set(decisions.flatMap((d) => [d[key], ...d.checks.map((c: Record<string, unknown>) => c[key])]));
    expect([...new Set(decisions.map((d) => `${d.status}/${d.errorKind ?? '-'}`))].sort()).toEqual(
      ['error/challenge', 'error/environment', 'fail/-', 'pass/-'].sort(),
    );
    expect([...new Set(decisions.map((d) => d.exitCode))].sort()).toEqual([0, 1, 2, 3]);
    const codes = new Set([...seen('code')]);
    expect(Object.values(outcomeCodes).filter((code) => !codes.has(code))).toEqual([]);
    expect([...seen('state')].filter(Boolean).sort()).toEqual(['error', 'failed', 'passed', 'timeout']);
  });
});
