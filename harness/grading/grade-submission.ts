// One grade: copy and install the submission, give it its own service spaces, check that it starts, run
// the suite, score it, and leave nothing behind (processes, databases, files).
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Challenge } from '../challenge-spec/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import type { Teardown } from '../lifecycle/teardown.ts';
import { once } from '../lifecycle/once.ts';
import { BchError, describeError, EnvironmentError } from '../errors.ts';
import { notify, type Reporter } from './reporter.ts';
import { applyMigrations } from '../services/postgres/apply-migrations.ts';
import { createGradeSpace, type GradeSpace } from '../services/grade-space.ts';
import type { StartedServices } from '../services/service-provider.ts';
import type { SandboxDecision } from '../sandbox/choose-sandbox.ts';
import { handOver, mountGradeDisk, unmountGradeDisk } from '../sandbox/grade-disk.ts';
import { endpointsOf } from '../sandbox/endpoints-of.ts';
import { harnessPackages } from '../sandbox/harness-packages.ts';
import { openSandbox } from '../sandbox/open-sandbox.ts';
import { packagesIn, packageView } from '../sandbox/package-view.ts';
import { cgroupLayout } from '../sandbox/sandbox-cgroup.ts';
import type { SandboxPlan } from '../sandbox/sandbox-plan.ts';
import { explainSkippedScripts } from '../submission/explain-skipped-scripts.ts';
import { linkDependencies, prepareSubmission } from '../submission/prepare-submission.ts';
import { receiveSubmission } from '../submission/receive-submission.ts';
import { harnessNodeModules } from '../process/harness-modules.ts';
import { killRegistered } from '../process/process-registry.ts';
import { startOnFreePort } from '../process/service-process.ts';
import type { SubmissionSource } from '../submission/submission-source.ts';
import type { GradeContextData } from '../testkit/grade-context.ts';
import { decideGrade, type GradeStop } from './decide-grade.ts';
import type { GradeResult, PhaseName } from './grade-result.ts';
import { runTestSuite } from './run-test-suite.ts';
import { checkResultOf } from './score-checks.ts';
import type { Suite } from '../suite.ts';

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

/** The unprivileged user candidate processes run as in the sandbox (nobody). */
const sandboxUser = { uid: 65534, gid: 65534 };

export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { challenge, settings, reporters } = request;
  const manifest = challenge.manifest;
  /** The checks this grade runs and scores: all of them, or those named with --checks. */
  const gradedChecks = settings.onlyChecks ? manifest.checks.filter((c) => settings.onlyChecks!.includes(c.id)) : manifest.checks;
  const started = Date.now();
  const gradeId = randomBytes(4).toString('hex');
  const gradeDir = join(request.runDir, gradeId);
  const registryDir = join(gradeDir, 'processes');
  const phases: Partial<Record<PhaseName, number>> = {};
  let receivedAs: string | undefined;
  const phase = async <T>(name: PhaseName, work: () => Promise<T>, detail?: (value: T) => string): Promise<T> => {
    await notify(reporters, 'onPhase', { submission: request.submissionLabel, phase: name, state: 'start' });
    const t0 = Date.now();
    const value = await work();
    phases[name] = Date.now() - t0;
    await notify(reporters, 'onPhase', {
      submission: request.submissionLabel,
      phase: name,
      state: 'end',
      durationMs: phases[name],
      detail: detail?.(value),
    });
    return value;
  };
  /** The result of a grade whose steps stopped at `stop`: the decision (decide-grade.ts) and what was measured. */
  const finish = (stop: GradeStop): GradeResult => {
    return {
      challenge: { id: manifest.id, title: manifest.title },
      submission: request.submissionLabel,
      ...(receivedAs ? { received: receivedAs } : {}),
      suite: request.suite,
      ...decideGrade({ suite: request.suite, checks: gradedChecks, minScore: request.minScore, stop }),
      provider: request.services.provider,
      sandbox: sandboxReport(plan),
      durationMs: Date.now() - started,
      phases,
    };
  };

  await mkdir(registryDir, { recursive: true });
  const limits = {
    memoryBytes: manifest.sandbox.memoryMb * 1024 ** 2,
    tasks: manifest.sandbox.tasks,
    diskBytes: manifest.sandbox.diskMb * 1024 ** 2,
  };
  const sandboxed = request.sandbox.mechanism === 'bwrap';
  // The grade's disk holds the app copy and tsx's transform cache side by side: both count against its limit,
  // and the cache is a folder the harness made, never a path of the candidate's tree.
  const diskDir = join(gradeDir, 'disk');
  const tsxCacheDir = join(diskDir, 'tsx-cache');
  const diskMounted = sandboxed && mountGradeDisk(diskDir, limits.diskBytes);
  // Limits are reported as enforced only where this machine's cgroups can actually hold them.
  const cgroupsUsable = sandboxed && cgroupLayout() !== undefined;
  if (diskMounted) request.teardown?.add('grade disk', async () => unmountGradeDisk(diskDir));
  let plan: SandboxPlan | undefined;
  let space: GradeSpace | undefined;
  try {
    const received = await phase(
      'receive',
      () => receiveSubmission(request.source, gradeDir, manifest.submission.entry),
      (r) => (r.ok ? r.detail : `rejected: ${r.code}`),
    );
    receivedAs = received.ok ? received.detail : undefined;
    if (!received.ok) return finish({ step: 'receive', code: received.code, message: received.message });
    const [prepared, createdSpace] = await Promise.all([
      phase(
        'prepare',
        () => prepareSubmission(received.dir, diskDir, settings.cacheDir),
        (p) => `dependencies: ${p.ok ? p.dependencies : 'install failed'}`,
      ),
      phase(
        'isolate',
        () => createGradeSpace(request.services.endpoints, manifest.services, gradeId, { postgresTemplate: request.postgresTemplate }),
        () =>
          [manifest.services.join(', ') || 'no services', request.postgresTemplate && `database copied from ${request.postgresTemplate}`]
            .filter(Boolean)
            .join('; '),
      ),
    ]);
    const release = once(() => createdSpace.release());
    space = { ...createdSpace, release };
    request.teardown?.add('grade space', release);
    request.teardown?.add('grade processes', () => {
      killRegistered(registryDir);
    });
    plan = {
      mechanism: request.sandbox.mechanism,
      appDir: prepared.appDir,
      nodeModulesDir: prepared.ok ? prepared.nodeModulesDir : harnessNodeModules,
      loaderModulesDir: harnessNodeModules,
      tsxCacheDir,
      readOnlyFiles: manifest.sandbox.files.map((file) => join(challenge.dir, file)),
      ...sandboxUser,
      limits,
      enforced: { memory: cgroupsUsable, tasks: cgroupsUsable, disk: diskMounted },
      name: `bch-${gradeId}`,
    };
    if (!prepared.ok) {
      return finish({ step: 'prepare', fault: prepared.kind, message: prepared.message });
    }
    const migrations = manifest.submission.migrations;
    if (migrations && space.env.DATABASE_URL) {
      // As the grade's role, never the admin: the SQL is the candidate's.
      const databaseUrl = space.env.DATABASE_URL;
      const outcome = await phase(
        'migrate',
        () => applyMigrations(databaseUrl, join(prepared.appDir, migrations)),
        (o) => (o.ok ? `${o.applied.length} applied` : `${o.file} failed`),
      );
      if (!outcome.ok) {
        const message = `your migration ${migrations}/${outcome.file} failed: ${outcome.message}${outcome.applied.length ? ` (applied before it: ${outcome.applied.join(', ')})` : ''}. Fix the SQL; it runs on the data set before your service starts.`;
        return finish({ step: 'migrate', message });
      }
    }
    if (sandboxed) {
      await mkdir(tsxCacheDir);
      handOver(prepared.appDir, sandboxUser.uid, sandboxUser.gid);
      handOver(tsxCacheDir, sandboxUser.uid, sandboxUser.gid);
      plan = { ...plan, ...sandboxViews(prepared, join(settings.cacheDir, 'views')) };
    } else await linkDependencies(prepared.appDir, prepared.nodeModulesDir);
    const env = candidateEnv(request, prepared.appDir, space.env);
    const gradePlan = plan;
    const startFailure = await phase(
      'start',
      () => preflight(gradePlan, env, request, registryDir, prepared.installScriptsSkipped),
      (f) => (f ? `did not start: ${f.message}` : 'ready'),
    );
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
            load: c.load && {
              durationSeconds: settings.quick ? c.load.quickDurationSeconds : c.load.durationSeconds,
              thresholds: c.load.thresholds,
            },
          },
        ]),
      ),
      registryDir,
      gradeDir,
      sandbox: plan,
      startFailure,
    };
    const specsById = new Map(gradedChecks.map((c) => [c.id, c]));
    const suite = await phase('tests', () =>
      runTestSuite({
        root: challenge.dir,
        dir: request.suite === 'hidden' ? challenge.hiddenTestsDir : challenge.publicTestsDir,
        context,
        cacheDir: join(settings.workRoot, 'vite-cache'),
        moduleCacheDir: join(request.runDir, 'vitest-cache'),
        onlyTests: request.suite === 'hidden' ? settings.onlyChecks : undefined,
        onTestStart: (name) =>
          notify(reporters, 'onCheckStart', request.submissionLabel, { id: name, title: specsById.get(name)?.title ?? name }),
        onTest: (outcome) =>
          notify(
            reporters,
            'onCheckResult',
            request.submissionLabel,
            checkResultOf(outcome, request.suite === 'hidden' ? specsById.get(outcome.name) : undefined),
          ),
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
    if (diskMounted) unmountGradeDisk(diskDir);
    await space?.release().catch(() => {});
    if (!settings.keepWork) await rm(gradeDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** The read-only views a grade's sandboxes see instead of node_modules folders: the harness's loader, and the
 * submission's dependencies (its own install, or the harness's packages without a lockfile). */
function sandboxViews(
  prepared: { nodeModulesDir: string; dependencies: 'harness' | 'installed' | 'cached' },
  viewsDir: string,
): Pick<SandboxPlan, 'nodeModulesDir' | 'loaderModulesDir'> {
  try {
    return {
      loaderModulesDir: packageView(harnessNodeModules, harnessPackages(harnessNodeModules, 'loader'), viewsDir),
      nodeModulesDir: packageView(
        prepared.nodeModulesDir,
        prepared.dependencies === 'harness' ? harnessPackages(harnessNodeModules, 'dependencies') : packagesIn(prepared.nodeModulesDir),
        viewsDir,
      ),
    };
  } catch (error) {
    throw new EnvironmentError(
      'BCH_SANDBOX_FAILED',
      `could not build the sandbox's view of the dependencies in ${viewsDir}: ${(error as Error).message}. Check that the cache folder (BCH_CACHE_DIR) is writable and has free space.`,
      { cause: error },
    );
  }
}

/** What a report says about the sandbox a grade ran in. */
function sandboxReport(plan: SandboxPlan | undefined): GradeResult['sandbox'] {
  if (!plan || plan.mechanism === 'none') return { mechanism: 'none' };
  return { mechanism: plan.mechanism, limits: plan.limits, enforced: plan.enforced };
}

/** The complete environment of a candidate process: nothing of the harness's own environment leaks in. */
function candidateEnv(request: GradeRequest, appDir: string, serviceEnv: Record<string, string>): Record<string, string> {
  const defaults = Object.fromEntries(
    request.challenge.manifest.submission.env.flatMap((v) => (v.default === undefined ? [] : [[v.name, v.default]])),
  );
  return {
    PATH: request.sandbox.mechanism === 'none' ? (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin') : '/usr/local/bin:/usr/bin:/bin',
    HOME: appDir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NODE_ENV: 'production',
    ...defaults,
    ...serviceEnv,
  };
}

/** Starts the service once before the tests, so a service that cannot start fails every check at once with the reason. */
async function preflight(
  plan: SandboxPlan,
  env: Record<string, string>,
  request: GradeRequest,
  registryDir: string,
  installScriptsSkipped: string[],
) {
  let sandbox;
  try {
    sandbox = await openSandbox(plan, registryDir, endpointsOf(env));
  } catch (error) {
    throw new EnvironmentError('BCH_SANDBOX_FAILED', `could not open a sandbox for the service: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const outcome = await startOnFreePort({
      appDir: plan.appDir,
      entry: request.challenge.manifest.submission.entry,
      env,
      readiness: request.challenge.manifest.submission.readiness,
      registryDir,
      sandbox,
    });
    if (outcome.ok) {
      await outcome.process.stop();
      return undefined;
    }
    const skipped = explainSkippedScripts(`${outcome.message}\n${outcome.output}`, installScriptsSkipped);
    return { message: skipped ? `${outcome.message}; ${skipped}` : outcome.message, output: outcome.output };
  } finally {
    await sandbox.destroy();
  }
}
