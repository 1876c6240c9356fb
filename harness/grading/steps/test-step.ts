// The test step: the suite (hidden checks or public tests) runs in the test worker against the grade, which it
// reads from the grade context; each check's start and result go to the reporters as they happen.
import { join } from 'node:path';
import type { Challenge } from '../../challenge-spec/load-challenge.ts';
import type { CheckSpec } from '../../challenge-spec/challenge-manifest.ts';
import type { Settings } from '../../config/settings.ts';
import type { GradeContextData } from '../../testkit/grade-context.ts';
import type { Suite } from '../../suite.ts';
import { notify, type Reporter } from '../reporter.ts';
import { runTestSuite, type SuiteOutcome } from '../run-test-suite.ts';
import { checkResultOf } from '../score-checks.ts';

export interface TestInput {
  challenge: Challenge;
  suite: Suite;
  settings: Settings;
  /** The checks this grade runs and scores. */
  gradedChecks: readonly CheckSpec[];
  context: GradeContextData;
  runDir: string;
  submissionLabel: string;
  reporters: readonly Reporter[];
}

export function testStep({
  challenge,
  suite,
  settings,
  gradedChecks,
  context,
  runDir,
  submissionLabel,
  reporters,
}: TestInput): Promise<SuiteOutcome> {
  const specsById = new Map(gradedChecks.map((c) => [c.id, c]));
  return runTestSuite({
    root: challenge.dir,
    dir: suite === 'hidden' ? challenge.hiddenTestsDir : challenge.publicTestsDir,
    context,
    cacheDir: join(settings.workRoot, 'vite-cache'),
    moduleCacheDir: join(runDir, 'vitest-cache'),
    onlyTests: suite === 'hidden' ? settings.onlyChecks : undefined,
    onTestStart: (name) => notify(reporters, 'onCheckStart', submissionLabel, { id: name, title: specsById.get(name)?.title ?? name }),
    onTest: (outcome) =>
      notify(
        reporters,
        'onCheckResult',
        submissionLabel,
        checkResultOf(outcome, suite === 'hidden' ? specsById.get(outcome.name) : undefined),
      ),
  });
}

export interface ContextInput {
  challenge: Challenge;
  suite: Suite;
  settings: Settings;
  appDir: string;
  env: Record<string, string>;
  admin: GradeContextData['admin'];
  /** The environment and admin URLs of each further lane's spaces (lane 0 is `env` and `admin`). */
  moreLanes: GradeContextData['lanes'];
  registryDir: string;
  gradeDir: string;
  plan: GradeContextData['sandbox'];
  startFailure: GradeContextData['startFailure'];
}

/** What the tests learn of the grade (through vitest's `provide`): plain data, the load rules as parsed at load time. */
export function gradeContextData(input: ContextInput): GradeContextData {
  const { manifest } = input.challenge;
  return {
    challengeId: manifest.id,
    suite: input.suite,
    quick: input.settings.quick,
    appDir: input.appDir,
    entry: manifest.submission.entry,
    readiness: manifest.submission.readiness,
    modules: Object.fromEntries(Object.entries(manifest.submission.modules).map(([name, file]) => [name, join(input.appDir, file)])),
    env: input.env,
    admin: input.admin,
    lanes: [{ env: input.env, admin: input.admin }, ...input.moreLanes],
    checks: Object.fromEntries(
      manifest.checks.map((c) => [
        c.id,
        {
          timeoutMs: c.timeoutMs,
          timing: c.timing,
          load: c.load && {
            durationSeconds: input.settings.quick ? c.load.quickDurationSeconds : c.load.durationSeconds,
            thresholds: c.load.thresholds,
          },
        },
      ]),
    ),
    registryDir: input.registryDir,
    gradeDir: input.gradeDir,
    sandbox: input.plan,
    startFailure: input.startFailure,
  };
}
