// One grade: copy and install the submission, give it its own service spaces, check that it starts, run
// the suite, score it, and leave nothing behind (processes, databases, files).
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Challenge } from '../challenge/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import type { Teardown } from '../lifecycle/teardown.ts';
import { once } from '../lifecycle/once.ts';
import { BchError, describeError, EnvironmentError } from '../errors.ts';
import { notify, type Reporter } from '../reporters/reporter.ts';
import { applyMigrations } from '../services/apply-migrations.ts';
import { createGradeSpace, type GradeSpace } from '../services/grade-space.ts';
import type { StartedServices } from '../services/service-provider.ts';
import { prepareSubmission } from '../submission/prepare-submission.ts';
import { killRegistered, startOnFreePort } from '../submission/service-process.ts';
import type { GradeContextData } from '../testkit/grade-context.ts';
import type { CheckResult, GradeResult, PhaseName } from './grade-result.ts';
import { runTestSuite } from './run-test-suite.ts';
import { checkResultOf, gradeStatus, scoreHiddenChecks, scorePublicTests } from './score-checks.ts';

export interface GradeRequest {
  challenge: Challenge;
  /** Absolute path of the submission directory. */
  submissionDir: string;
  /** As the user wrote it, for reports. */
  submissionLabel: string;
  suite: 'hidden' | 'public';
  services: StartedServices;
  /** The data-set template the grade's database is copied from (challenges with a dataset). */
  postgresTemplate?: string;
  settings: Settings;
  /** The run's work folder; the grade uses a sub-folder of it. */
  runDir: string;
  minScore: number;
  reporters: readonly Reporter[];
  /** The run's teardown: the grade registers its processes and spaces on it, so that Ctrl-C removes them. */
  teardown?: Teardown;
}

export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { challenge, settings, reporters } = request;
  const manifest = challenge.manifest;
  const started = Date.now();
  const gradeId = randomBytes(4).toString('hex');
  const gradeDir = join(request.runDir, gradeId);
  const registryDir = join(gradeDir, 'processes');
  const phases: Partial<Record<PhaseName, number>> = {};
  const phase = async <T>(name: PhaseName, work: () => Promise<T>, detail?: (value: T) => string): Promise<T> => {
    await notify(reporters, 'onPhase', { submission: request.submissionLabel, phase: name, state: 'start' });
    const t0 = Date.now();
    const value = await work();
    phases[name] = Date.now() - t0;
    await notify(reporters, 'onPhase', { submission: request.submissionLabel, phase: name, state: 'end', durationMs: phases[name], detail: detail?.(value) });
    return value;
  };
  const finish = (checks: CheckResult[], message?: string, forcedStatus?: GradeResult['status'], errorKind: GradeResult['errorKind'] = 'environment'): GradeResult => {
    const score = checks.reduce((sum, c) => sum + c.score, 0);
    const maxScore = checks.reduce((sum, c) => sum + c.weight, 0);
    return {
      challenge: { id: manifest.id, title: manifest.title },
      submission: request.submissionLabel,
      suite: request.suite,
      status: forcedStatus ?? gradeStatus(checks),
      message,
      errorKind: (forcedStatus ?? gradeStatus(checks)) === 'error' ? errorKind : undefined,
      score,
      maxScore,
      minScore: request.minScore,
      meetsMinScore: score >= request.minScore,
      provider: request.services.provider,
      durationMs: Date.now() - started,
      phases,
      checks,
    };
  };
  const unrun = (state: CheckResult['state'], message: string): CheckResult[] =>
    request.suite === 'hidden'
      ? manifest.checks.map((c) => ({ id: c.id, title: c.title, category: c.category, weight: c.weight, score: 0, state, message, durationMs: 0 }))
      : [{ id: 'public tests', title: 'public tests', category: 'correctness', weight: 1, score: 0, state, message, durationMs: 0 }];

  await mkdir(registryDir, { recursive: true });
  let space: GradeSpace | undefined;
  try {
    const [prepared, createdSpace] = await Promise.all([
      phase('prepare', () => prepareSubmission(request.submissionDir, gradeDir, settings.cacheDir), (p) => `dependencies: ${p.ok ? p.dependencies : 'install failed'}`),
      phase('isolate', () => createGradeSpace(request.services.endpoints, manifest.services, gradeId, { postgresTemplate: request.postgresTemplate }), () => [manifest.services.join(', ') || 'no services', request.postgresTemplate && `database copied from ${request.postgresTemplate}`].filter(Boolean).join('; ')),
    ]);
    const release = once(() => createdSpace.release());
    space = { ...createdSpace, release };
    request.teardown?.add('grade space', release);
    request.teardown?.add('grade processes', () => { killRegistered(registryDir); });
    if (!prepared.ok) {
      const checks = unrun('failed', `your dependencies did not install: ${prepared.message}`);
      return finish(checks.map((c) => ({ ...c, output: prepared.output })), `dependencies did not install: ${prepared.message}`);
    }
    const migrations = manifest.submission.migrations;
    if (migrations && space.env.DATABASE_URL) {
      // As the grade's role, never the admin: the SQL is the candidate's.
      const databaseUrl = space.env.DATABASE_URL;
      const outcome = await phase('migrate', () => applyMigrations(databaseUrl, join(prepared.appDir, migrations)), (o) => (o.ok ? `${o.applied.length} applied` : `${o.file} failed`));
      if (!outcome.ok) {
        const message = `your migration ${migrations}/${outcome.file} failed: ${outcome.message}${outcome.applied.length ? ` (applied before it: ${outcome.applied.join(', ')})` : ''}. Fix the SQL; it runs on the data set before your service starts.`;
        return finish(unrun('failed', message), message);
      }
    }
    const env = candidateEnv(request, gradeDir, space.env);
    const startFailure = await phase('start', () => preflight(prepared.appDir, env, request, registryDir), (f) => (f ? `did not start: ${f.message}` : 'ready'));
    const context: GradeContextData = {
      challengeId: manifest.id,
      suite: request.suite,
      quick: settings.quick,
      appDir: prepared.appDir,
      entry: manifest.submission.entry,
      readiness: manifest.submission.readiness,
      modules: Object.fromEntries(Object.entries(manifest.submission.modules).map(([name, file]) => [name, join(prepared.appDir, file)])),
      env,
      admin: space.admin,
      checks: Object.fromEntries(
        manifest.checks.map((c) => [
          c.id,
          {
            timeoutMs: c.timeoutMs,
            load: c.load && { durationSeconds: settings.quick ? c.load.quickDurationSeconds : c.load.durationSeconds, thresholds: c.load.thresholds.map((r) => r.source) },
          },
        ]),
      ),
      registryDir,
      gradeDir,
      startFailure,
    };
    const specsById = new Map(manifest.checks.map((c) => [c.id, c]));
    const suite = await phase('tests', () =>
      runTestSuite({
        root: challenge.dir,
        dir: request.suite === 'hidden' ? challenge.hiddenTestsDir : challenge.publicTestsDir,
        context,
        cacheDir: join(settings.workRoot, 'vite-cache'),
        onTest: (outcome) =>
          notify(reporters, 'onCheckResult', request.submissionLabel, checkResultOf(outcome, request.suite === 'hidden' ? specsById.get(outcome.name) : undefined)),
      }),
    );
    if (request.suite === 'public') {
      const checks = scorePublicTests(suite);
      if (suite.problems.length > 0 || checks.length === 0) {
        return finish(checks.length > 0 ? checks : unrun('error', suite.problems.join('; ') || 'no public test ran'), suite.problems.join('; ') || 'no public test ran', 'error', 'challenge');
      }
      return finish(checks, startFailure ? `your service did not start: ${startFailure.message}` : undefined);
    }
    const { checks, problems } = scoreHiddenChecks(manifest.checks, suite);
    if (problems.length > 0) {
      return finish(checks, `the challenge's tests are broken (not your code): ${problems.join('; ')}`, 'error', 'challenge');
    }
    return finish(checks, startFailure ? `your service did not start: ${startFailure.message}` : undefined);
  } catch (error) {
    if (error instanceof BchError && error.kind !== 'environment') throw error;
    const wrapped = error instanceof EnvironmentError ? error : new EnvironmentError('BCH_GRADE_CRASHED', `the harness failed while grading: ${describeError(error)}`, { cause: error });
    return finish(unrun('error', describeError(wrapped)), describeError(wrapped), 'error');
  } finally {
    killRegistered(registryDir);
    await space?.release().catch(() => {});
    if (!settings.keepWork) await rm(gradeDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** The complete environment of a candidate process: nothing of the harness's own environment leaks in. */
function candidateEnv(request: GradeRequest, gradeDir: string, serviceEnv: Record<string, string>): Record<string, string> {
  const defaults = Object.fromEntries(
    request.challenge.manifest.submission.env.flatMap((v) => (v.default === undefined ? [] : [[v.name, v.default]])),
  );
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: join(gradeDir, 'app'),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NODE_ENV: 'production',
    ...defaults,
    ...serviceEnv,
  };
}

/** Starts the service once before the tests, so a service that cannot start fails every check at once with the reason. */
async function preflight(appDir: string, env: Record<string, string>, request: GradeRequest, registryDir: string) {
  const outcome = await startOnFreePort({
    appDir,
    entry: request.challenge.manifest.submission.entry,
    env,
    readiness: request.challenge.manifest.submission.readiness,
    registryDir,
  });
  if (outcome.ok) {
    await outcome.process.stop();
    return undefined;
  }
  return { message: outcome.message, output: outcome.output };
}
