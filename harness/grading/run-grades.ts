// One run of `bch grade` / `bch test`: load the challenge, start (or find) its services once, grade every
// submission in turn, each isolated, and tear everything down, also on Ctrl-C.
import { mkdir, rm } from 'node:fs/promises';
import { loadChallenge, type Challenge } from '../challenge-spec/load-challenge.ts';
import { UsageError } from '../errors.ts';
import type { Settings } from '../config/settings.ts';
import { createRunFolder, killRunProcesses } from '../lifecycle/run-folder.ts';
import { runTeardownOnSignals, Teardown } from '../lifecycle/teardown.ts';
import { notify, type Reporter } from './reporter.ts';
import { chooseSandbox } from '../sandbox/choose-sandbox.ts';
import { chooseProvider } from '../providers/choose-provider.ts';
import { refuseOpenServices } from '../services/refuse-open-services.ts';
import type { StartedServices } from '../services/service-provider.ts';
import { prepareTemplate } from '../services/postgres/postgres-template.ts';
import { removeActiveStaging } from '../submission/dependency-cache.ts';
import { parseSubmissionSource } from '../submission/submission-source.ts';
import type { GradeResult, RunResult } from './grade-result.ts';
import { gradeSubmission } from './grade-submission.ts';
import { changedFiles, fingerprintFiles, harnessCodeDir, integrityMessage, untrustedGrade } from './harness-integrity.ts';
import type { Suite } from '../suite.ts';

export interface RunRequest {
  challengeId: string;
  submissions: string[];
  suite: Suite;
  settings: Settings;
  minScore: number;
  reporters: readonly Reporter[];
  /** Where to say what happens on Ctrl-C. */
  log?: (line: string) => void;
}

export async function runGrades(request: RunRequest): Promise<RunResult> {
  const started = Date.now();
  const challenge = loadChallenge(request.challengeId);
  assertKnownChecks(challenge, request.settings.onlyChecks);
  const sources = request.submissions.map((argument) => parseSubmissionSource(argument));
  const sandbox = chooseSandbox(request.settings.sandbox, request.suite);
  if (sandbox.note) (request.log ?? ((line) => process.stderr.write(`${line}\n`)))(sandbox.note);
  const teardown = new Teardown();
  const uninstall = runTeardownOnSignals(teardown, request.log ?? ((line) => process.stderr.write(`${line}\n`)));
  try {
    await mkdir(request.settings.workRoot, { recursive: true });
    const runDir = await createRunFolder(request.settings.workRoot);
    if (!request.settings.keepWork)
      teardown.add('work folder', () => rm(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
    teardown.add('candidate processes', () => {
      killRunProcesses(runDir);
    });
    teardown.add('install staging', removeActiveStaging);
    const manifest = challenge.manifest;
    await notify(request.reporters, 'onRunStart', { challenge: manifest, submissions: request.submissions, suite: request.suite });
    await notify(request.reporters, 'onPhase', { submission: '', phase: 'services', state: 'start' });
    const servicesStarted = Date.now();
    const provider = await chooseProvider(request.settings, manifest.services);
    // Registered before start(): Ctrl-C while containers are starting removes them too.
    let services: StartedServices | undefined;
    teardown.add('services', async () => {
      await services?.stop();
      await provider.abort?.();
    });
    services = await provider.start(manifest.services);
    // Candidate code reaches its services' ports: a grade refuses services any process can be the admin of.
    if (request.suite === 'hidden' && !request.settings.allowUnauthenticatedServices) await refuseOpenServices(services, manifest.services);
    const servicesMs = Date.now() - servicesStarted;
    await notify(request.reporters, 'onPhase', {
      submission: '',
      phase: 'services',
      state: 'end',
      durationMs: servicesMs,
      detail: `${provider.name}: ${manifest.services.join(', ') || 'none needed'}`,
    });
    const dataset = await prepareDataset(challenge, services.endpoints.postgres?.url, request.reporters);
    const grades: GradeResult[] = [];
    const watched = [challenge.dir, harnessCodeDir];
    const fingerprint = await fingerprintFiles(watched);
    let taintedBy: string | undefined;
    for (const [index, source] of sources.entries()) {
      let result = await gradeSubmission({
        challenge,
        source,
        submissionLabel: request.submissions[index],
        suite: request.suite,
        services,
        postgresTemplate: dataset?.template,
        settings: request.settings,
        runDir,
        minScore: request.minScore,
        reporters: request.reporters,
        sandbox,
        teardown,
      });
      const changed = changedFiles(fingerprint, await fingerprintFiles(watched));
      if (taintedBy || changed.length > 0) result = untrustedGrade(result, integrityMessage(changed, taintedBy));
      taintedBy ??= changed.length > 0 ? request.submissions[index] : undefined;
      grades.push(result);
      await notify(request.reporters, 'onGradeEnd', result);
    }
    const result: RunResult = { grades, servicesMs, dataset, durationMs: Date.now() - started };
    await notify(request.reporters, 'onRunEnd', result);
    return result;
  } finally {
    await teardown.run();
    uninstall();
  }
}

/** --checks names checks of the challenge, at least one. */
function assertKnownChecks(challenge: Challenge, only: readonly string[] | undefined): void {
  if (only === undefined) return;
  const known = challenge.manifest.checks.map((c) => c.id);
  const unknown = only.filter((id) => !known.includes(id));
  if (only.length === 0 || unknown.length > 0) {
    throw new UsageError(
      'BCH_UNKNOWN_CHECK',
      `--checks must name checks of ${challenge.manifest.id}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}. Its checks: ${known.join(', ')}.`,
    );
  }
}

/** Seeds the challenge's data set into its template, once per data-set version (a no-op when cached). */
async function prepareDataset(
  challenge: Challenge,
  postgresUrl: string | undefined,
  reporters: readonly Reporter[],
): Promise<RunResult['dataset']> {
  const spec = challenge.manifest.dataset;
  if (!spec || !postgresUrl || challenge.datasetSeedSql === undefined) return undefined;
  await notify(reporters, 'onPhase', { submission: '', phase: 'dataset', state: 'start' });
  const started = Date.now();
  const template = await prepareTemplate(postgresUrl, {
    challengeId: challenge.manifest.id,
    seedSql: challenge.datasetSeedSql,
    seedValue: spec.seedValue,
  });
  const durationMs = Date.now() - started;
  await notify(reporters, 'onPhase', {
    submission: '',
    phase: 'dataset',
    state: 'end',
    durationMs,
    detail: template.seededMs === undefined ? `${template.name} (cached)` : `${template.name} (seeded)`,
  });
  return { template: template.name, seededMs: template.seededMs, durationMs };
}
