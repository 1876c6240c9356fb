// Deploys and rollbacks, one at a time: start the idle color, wait until it is ready, switch, drain the old
// color, stop it; after a deploy, watch the new color and roll back by itself if it fails too often.
import { startApp, stopApp, waitReady, type AppHandle } from './app-process.ts';
import type { Config } from './config.ts';
import { watchErrors } from './error-watch.ts';
import type { Color, Router, Target } from './router.ts';
import type { RoutingState, StateStore } from './state-store.ts';

export type DeploymentState = 'starting' | 'draining' | 'watching' | 'rolling-back' | 'succeeded' | 'failed' | 'rolled-back';

export interface Deployment {
  id: number;
  kind: 'deploy' | 'rollback';
  version: string;
  state: DeploymentState;
  error?: string;
}

type Active = AppHandle & { color: Color; target: Target };

const finalStates: DeploymentState[] = ['succeeded', 'failed', 'rolled-back'];

export class ConflictError extends Error {}

export class DeployController {
  readonly #config: Config;
  readonly #router: Router;
  readonly #store: StateStore;
  #active: Active | null = null;
  #previousVersion: string | null = null;
  #deployment: Deployment | null = null;
  #nextId = 1;

  constructor(config: Config, router: Router, store: StateStore) {
    this.#config = config;
    this.#router = router;
    this.#store = store;
  }

  /** Resumes routing from the stored state (the active app kept running while this controller was down). */
  resume(state: RoutingState): void {
    this.#previousVersion = state.previousVersion;
    if (!state.active) return;
    const target = { color: state.active.color, port: state.active.port };
    this.#active = { ...state.active, target };
    this.#router.switchTo(target);
  }

  status() {
    return {
      active: this.#active && { color: this.#active.color, version: this.#active.version },
      previousVersion: this.#previousVersion,
      deployment: this.#deployment,
    };
  }

  /** Starts a deploy of `version` in the background; throws ConflictError while another one runs. */
  deploy(version: string): Deployment {
    const deployment = this.#begin('deploy', version);
    void this.#rollOut(deployment, true);
    return deployment;
  }

  /** Starts a rollback to the previous version in the background. */
  rollback(): Deployment {
    if (!this.#previousVersion) throw new ConflictError('there is no previous version to roll back to');
    const deployment = this.#begin('rollback', this.#previousVersion);
    void this.#rollOut(deployment, false);
    return deployment;
  }

  #begin(kind: Deployment['kind'], version: string): Deployment {
    if (this.#deployment && !finalStates.includes(this.#deployment.state)) {
      throw new ConflictError(`a ${this.#deployment.kind} of ${this.#deployment.version} is running (${this.#deployment.state})`);
    }
    this.#deployment = { id: this.#nextId++, kind, version, state: 'starting' };
    return this.#deployment;
  }

  async #rollOut(deployment: Deployment, watch: boolean): Promise<void> {
    try {
      const outcome = await this.#replaceActive(deployment, deployment.version, watch);
      if (outcome === 'not-ready') return;
      if (!outcome.verdict || !outcome.previous) {
        deployment.state = 'succeeded';
        return;
      }
      deployment.state = 'watching';
      if ((await outcome.verdict) === 'healthy') {
        deployment.state = 'succeeded';
        return;
      }
      deployment.state = 'rolling-back';
      const back = await this.#replaceActive(deployment, outcome.previous, false);
      deployment.state = back === 'not-ready' ? 'failed' : 'rolled-back';
      if (back === 'not-ready') deployment.error = `automatic rollback to ${outcome.previous} failed: it did not become ready`;
    } catch (error) {
      deployment.state = 'failed';
      deployment.error = (error as Error).message;
    }
  }

  /**
   * Starts `version` on the idle color, waits for readiness, switches traffic to it, drains and stops the old
   * color. On a deploy, the error watch starts at the switch. Traffic never moves if the version is not ready.
   */
  async #replaceActive(deployment: Deployment, version: string, watch: boolean) {
    const old = this.#active;
    const color: Color = old?.color === 'blue' ? 'green' : 'blue';
    const app = await startApp(this.#config.appCommand, version);
    if (!(await waitReady(app, this.#config.readyTimeoutMs))) {
      await stopApp(app);
      deployment.state = 'failed';
      deployment.error = `version ${version} did not become ready within ${this.#config.readyTimeoutMs} ms`;
      return 'not-ready' as const;
    }
    const target = { color, port: app.port };
    this.#router.switchTo(target);
    const verdict = watch && old ? watchErrors(this.#router, target, this.#watchRule()) : undefined;
    this.#active = { ...app, color, target };
    if (old) this.#previousVersion = old.version;
    await this.#store.save({ active: { color, version, port: app.port, pid: app.pid }, previousVersion: this.#previousVersion });
    if (deployment.state === 'starting') deployment.state = 'draining';
    if (old) await this.#retire(old);
    return { previous: old?.version, verdict };
  }

  /** Lets the requests in flight on the old color finish (up to the drain deadline), then stops it. */
  async #retire(old: Active): Promise<void> {
    await this.#router.drained(old.target, this.#config.drainTimeoutMs);
    await stopApp(old);
  }

  #watchRule() {
    return { windowMs: this.#config.rollbackWindowMs, errorRate: this.#config.rollbackErrorRate, minRequests: this.#config.rollbackMinRequests };
  }
}
