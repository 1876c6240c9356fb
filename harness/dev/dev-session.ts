// `bch dev`: the candidate's local loop. Starts the services the way a grade does (its own isolated space, its
// database copied from the data set, the migrations applied), the challenge's helper servers, and the candidate's
// service with the grade's environment on a fixed port, restarted on every change of the folder. Everything it
// started is removed by stop() (and on Ctrl-C by the CLI).
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Challenge } from '../challenge-spec/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import { Teardown } from '../lifecycle/teardown.ts';
import { chooseProvider } from '../providers/choose-provider.ts';
import { freePort } from '../process/free-port.ts';
import { Unsandboxed } from '../sandbox/unsandboxed.ts';
import { linkDependencies, prepareSubmission } from '../submission/prepare-submission.ts';
import { killRegistered } from '../process/process-registry.ts';
import { startServiceProcess, type ServiceProcess } from '../process/service-process.ts';
import { startDevHelpers } from './dev-helpers.ts';
import { DevSpace } from './dev-space.ts';
import { watchFolder } from './watch-folder.ts';

export interface DevSession {
  /** The candidate's service: the same URL across restarts. */
  serviceUrl: string;
  urls: { label: string; url: string }[];
  /** Resolves when the restart in progress (if any) is done. */
  settled(): Promise<void>;
  stop(): Promise<string[]>;
}

export interface DevRequest {
  challenge: Challenge;
  folder: string;
  settings: Settings;
  log: (line: string) => void;
  teardown?: Teardown;
}

export async function startDevSession({ challenge, folder, settings, log, teardown = new Teardown() }: DevRequest): Promise<DevSession> {
  const { manifest } = challenge;
  try {
    mkdirSync(settings.workRoot, { recursive: true });
    const workDir = await mkdtemp(join(settings.workRoot, `dev-${manifest.id}-`));
    teardown.add('work folder', () => rm(workDir, { recursive: true, force: true }));
    const registryDir = join(workDir, 'processes');
    teardown.add('service processes', () => void killRegistered(registryDir));
    const provider = await chooseProvider(settings, manifest.services);
    const services = await provider.start(manifest.services);
    teardown.add('services', () => services.stop());
    const space = await DevSpace.create(challenge, services.endpoints, `dev-${Date.now().toString(36)}`, log);
    teardown.add('service space', () => space.release());
    const helpers = await startDevHelpers(challenge, { env: space.env, log });
    teardown.add('helper servers', () => helpers.stop());

    const defaults = Object.fromEntries(manifest.submission.env.flatMap((v) => (v.default === undefined ? [] : [[v.name, v.default]])));
    const port = await freePort();
    let generation = 0;
    let current: ServiceProcess | undefined;
    let chain: Promise<void> = Promise.resolve();
    const start = async (reason: string) => {
      await current?.stop();
      current = undefined;
      generation += 1;
      const gradeDir = join(workDir, `run-${generation}`);
      await rm(join(workDir, `run-${generation - 1}`), { recursive: true, force: true });
      const prepared = await prepareSubmission(folder, gradeDir, settings.cacheDir);
      if (!prepared.ok) return log(`bch dev: dependencies failed to install: ${prepared.message}\n${prepared.output}`);
      await linkDependencies(prepared.appDir, prepared.nodeModulesDir);
      const spaceReady = await space.prepare(prepared.appDir);
      if (!spaceReady.ok) return log(`bch dev: ${spaceReady.message}\nbch dev: fix it; it runs again on a fresh copy at the next change.`);
      if (spaceReady.note) log(spaceReady.note);
      // The grade's environment (candidateEnv in grade-submission.ts), and the helpers' URLs.
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: prepared.appDir,
        LANG: 'C.UTF-8',
        TZ: 'UTC',
        NODE_ENV: 'production',
        ...defaults,
        ...spaceReady.env,
        ...helpers.env,
      };
      const outcome = await startServiceProcess({
        appDir: prepared.appDir,
        entry: manifest.submission.entry,
        env,
        port,
        readiness: manifest.submission.readiness,
        registryDir,
        sandbox: new Unsandboxed(prepared.appDir),
      }); // the candidate's own code on their own machine
      if (outcome.ok) {
        current = outcome.process;
        log(`bch dev: service ${reason}: http://127.0.0.1:${port}`);
      } else {
        log(
          `bch dev: the service did not start (${reason}): ${outcome.message}\n${outcome.output}\nbch dev: fix the code; it restarts on the next change.`,
        );
      }
    };
    const restart = (reason: string) =>
      (chain = chain.then(() => start(reason)).catch((error: unknown) => log(`bch dev: restart failed: ${String(error)}`)));
    mkdirSync(registryDir, { recursive: true });
    await restart('started');
    const unwatch = watchFolder(folder, (file) => void restart(`restarted (${file} changed)`));
    teardown.add('watcher', async () => {
      unwatch();
      await chain;
      await current?.stop();
    });

    return {
      serviceUrl: `http://127.0.0.1:${port}`,
      urls: [
        { label: 'your service (PORT)', url: `http://127.0.0.1:${port}` },
        ...helpers.urls,
        ...Object.entries(space.env).map(([name, value]) => ({ label: name, url: value })),
        ...space.devUrls,
        ...(space.template && space.env.DATABASE_URL
          ? [{ label: "the data set's copy (EXPLAIN)", url: `psql '${space.env.DATABASE_URL}'` }]
          : []),
      ],
      settled: () => chain,
      stop: () => teardown.run(),
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
