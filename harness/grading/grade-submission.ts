// One grade, as a list of named steps, each a function of its own file (grading/steps/):
//   receive → prepare ∥ isolate → migrate → sandbox → start → tests → decide
// Each step's outcome either feeds the next or ends the grade; the decision (status, code, score) is a pure
// function of where the steps stopped (decide-grade.ts). Whatever happens, nothing is left behind: processes,
// service spaces, the grade's disk and folder.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Challenge } from '../challenge-spec/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import { BchError, describeError, EnvironmentError } from '../errors.ts';
import type { Teardown } from '../lifecycle/teardown.ts';
import { harnessNodeModules } from '../process/harness-modules.ts';
import { killRegistered } from '../process/process-registry.ts';
import type { SandboxDecision } from '../sandbox/choose-sandbox.ts';
import { unmountGradeDisk } from '../sandbox/grade-disk.ts';
import type { SandboxPlan } from '../sandbox/sandbox-plan.ts';
import type { GradeSpace } from '../services/grade-space.ts';
import type { StartedServices } from '../services/service-provider.ts';
import { prepareSubmission } from '../submission/prepare-submission.ts';
import { receiveSubmission } from '../submission/receive-submission.ts';
import type { SubmissionSource } from '../submission/submission-source.ts';
import type { Suite } from '../suite.ts';
import { decideGrade, type GradeStop } from './decide-grade.ts';
import type { GradeResult } from './grade-result.ts';
import type { Reporter } from './reporter.ts';
import { scrubMachinePaths } from './scrub-machine-paths.ts';
import { candidateEnv } from './steps/candidate-env.ts';
import { isolateStep, laneCount } from './steps/isolate-step.ts';
import { migrateStep } from './steps/migrate-step.ts';
import { PhaseTimer } from './steps/phase-timer.ts';
import { gradeDisk, readySandbox, sandboxPlan, sandboxReport } from './steps/sandbox-step.ts';
import { startStep } from './steps/start-step.ts';
import { gradeContextData, testStep } from './steps/test-step.ts';

export interface GradeRequest {
  challenge: Challenge;
  /** What was sent: a folder, an archive or a git repository. */
  source: SubmissionSource;
  /** As the user wrote it, for reports. */
  submissionLabel: string;
  suite: Suite;
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
  /** The run's sandbox (chosen once per run). */
  sandbox: SandboxDecision;
}

export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { challenge, settings } = request;
  const manifest = challenge.manifest;
  /** The checks this grade runs and scores: all of them, or those named with --checks. */
  const gradedChecks = settings.onlyChecks ? manifest.checks.filter((c) => settings.onlyChecks!.includes(c.id)) : manifest.checks;
  const started = Date.now();
  const gradeId = randomBytes(4).toString('hex');
  const gradeDir = join(request.runDir, gradeId);
  const registryDir = join(gradeDir, 'processes');
  const timer = new PhaseTimer(request.reporters, request.submissionLabel);
  let receivedAs: string | undefined;
  let timeline: GradeResult['timeline'];
  let plan: SandboxPlan | undefined;
  let space: GradeSpace | undefined;
  let appDir: string | undefined;
  /** The result of a grade whose steps stopped at `stop`: the decision and what was measured, without the paths of
   * this machine in its text. */
  const finish = (stop: GradeStop): GradeResult =>
    scrubMachinePaths(decided(stop), [
      ...(appDir ? [{ path: appDir, as: '' }] : []),
      { path: disk.diskDir, as: '<grade>/' },
      { path: gradeDir, as: '<grade>/' },
      { path: request.runDir, as: '<run>/' },
      { path: settings.workRoot, as: '<work>/' },
      { path: dirname(harnessNodeModules), as: '<harness>/' },
    ]);
  const decided = (stop: GradeStop): GradeResult => ({
    challenge: { id: manifest.id, title: manifest.title },
    submission: request.submissionLabel,
    ...(receivedAs ? { received: receivedAs } : {}),
    ...(timeline ? { timeline } : {}),
    suite: request.suite,
    ...decideGrade({ suite: request.suite, checks: gradedChecks, minScore: request.minScore, stop }),
    provider: request.services.provider,
    sandbox: sandboxReport(plan),
    durationMs: Date.now() - started,
    phases: timer.phases,
  });

  await mkdir(registryDir, { recursive: true });
  const disk = gradeDisk(request.sandbox, gradeDir, manifest);
  if (disk.mounted) request.teardown?.add('grade disk', async () => unmountGradeDisk(disk.diskDir));
  try {
    const received = await timer.run(
      'receive',
      () => receiveSubmission(request.source, gradeDir, manifest.submission.entry),
      (r) => (r.ok ? r.detail : `rejected: ${r.code}`),
      (r) => !r.ok,
    );
    receivedAs = received.ok ? received.detail : undefined;
    timeline = received.ok ? received.timeline : undefined;
    if (!received.ok) return finish({ step: 'receive', code: received.code, message: received.message });

    const [prepared, isolated] = await Promise.all([
      timer.run(
        'prepare',
        () => prepareSubmission(received.dir, disk.diskDir, settings.cacheDir),
        (p) => `dependencies: ${p.ok ? p.dependencies : 'install failed'}`,
        (p) => !p.ok,
      ),
      timer.run(
        'isolate',
        () =>
          isolateStep({
            services: request.services,
            manifest,
            gradeId,
            lanes: laneCount(manifest, gradedChecks, request.suite, settings.checkLanes),
            postgresTemplate: request.postgresTemplate,
          }),
        (isolated) =>
          [
            manifest.services.join(', ') || 'no services',
            isolated.moreLanes.length > 0 && `${isolated.moreLanes.length + 1} lanes`,
            request.postgresTemplate && `database copied from ${request.postgresTemplate}`,
          ]
            .filter(Boolean)
            .join('; '),
      ),
    ]);
    space = { ...isolated.space, release: isolated.release };
    request.teardown?.add('grade space', space.release);
    request.teardown?.add('grade processes', () => {
      killRegistered(registryDir);
    });
    plan = sandboxPlan({ decision: request.sandbox, manifest, challengeDir: challenge.dir, disk, prepared, gradeId });
    if (prepared.ok) appDir = prepared.appDir;
    if (!prepared.ok) return finish({ step: 'prepare', fault: prepared.kind, message: prepared.message });

    const migrations = manifest.submission.migrations;
    const databaseUrl = space.env.DATABASE_URL;
    if (migrations && databaseUrl) {
      const migrated = await timer.run(
        'migrate',
        () => migrateStep({ appDir: prepared.appDir, folder: migrations, databaseUrl }),
        (o) => (o.ok ? `${o.applied.length} applied` : `${o.failedFile} failed`),
        (o) => !o.ok,
      );
      if (!migrated.ok) return finish({ step: 'migrate', message: migrated.message });
    }

    plan = await readySandbox(plan, prepared, settings.cacheDir);
    const readyPlan = plan;
    const env = candidateEnv(manifest, request.sandbox, prepared.appDir, space.env);
    const startFailure = await timer.run(
      'start',
      () => startStep({ plan: readyPlan, manifest, env, registryDir, installScriptsSkipped: prepared.installScriptsSkipped }),
      (f) => (f ? `did not start: ${f.message}` : 'ready'),
      (f) => f !== undefined,
    );

    const context = gradeContextData({
      challenge,
      suite: request.suite,
      settings,
      appDir: prepared.appDir,
      env,
      admin: space.admin,
      moreLanes: isolated.moreLanes.map((lane) => ({
        env: candidateEnv(manifest, request.sandbox, prepared.appDir, lane.env),
        admin: lane.admin,
      })),
      registryDir,
      gradeDir,
      plan: readyPlan,
      startFailure,
    });
    const suite = await timer.run('tests', () =>
      testStep({
        challenge,
        suite: request.suite,
        settings,
        gradedChecks,
        context,
        runDir: request.runDir,
        submissionLabel: request.submissionLabel,
        reporters: request.reporters,
      }),
    );
    return finish({ step: 'tests', suite, startFailure });
  } catch (error) {
    if (error instanceof BchError && error.kind !== 'environment') throw error;
    const wrapped =
      error instanceof EnvironmentError
        ? error
        : new EnvironmentError('BCH_GRADE_CRASHED', `the harness failed while grading: ${describeError(error)}`, { cause: error });
    return finish({ step: 'crashed', code: wrapped.code, message: describeError(wrapped) });
  } finally {
    killRegistered(registryDir);
    if (disk.mounted) unmountGradeDisk(disk.diskDir);
    await space?.release().catch(() => {});
    if (!settings.keepWork) await rm(gradeDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
  }
}
