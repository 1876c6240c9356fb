// The data a grade hands to its hidden (or public) tests through vitest's `provide`/`inject`: plain,
// serializable values only. Built by the orchestrator, read by the testkit.
import { inject } from 'vitest';
import type { ThresholdRule } from '../challenge-spec/threshold-rule.ts';
import type { SandboxPlan } from '../sandbox/sandbox-plan.ts';
import type { GradeSpace } from '../services/grade-space.ts';
import type { CheckTiming } from '../challenge-spec/challenge-manifest.ts';
import type { Suite } from '../suite.ts';
import { currentLane } from './check-lane.ts';

export interface CheckRuntimeSpec {
  timeoutMs: number;
  /** What the check measures: `cpu` checks run alone, the others side by side (testkit/check-lane.ts). */
  timing: CheckTiming;
  /** The manifest's load rules, as parsed when the challenge loaded (plain data: they cross to the worker as they are). */
  load?: { durationSeconds: number; thresholds: ThresholdRule[] };
}

export interface GradeContextData {
  challengeId: string;
  suite: Suite;
  quick: boolean;
  /** The runnable copy of the submission. */
  appDir: string;
  entry: string;
  readiness: { path: string; timeoutMs: number };
  /** Candidate modules the tests load through a driver process: name → absolute path. */
  modules: Record<string, string>;
  /** The base environment of every candidate process: basics, manifest defaults, service spaces. */
  env: Record<string, string>;
  admin: GradeSpace['admin'];
  /** The grade's lanes: per lane, the environment and admin URLs of its own spaces; lanes[0] holds `env` and
   * `admin` above. A check sees its lane's as `env` and `admin` (testkit/check-lane.ts). */
  lanes: { env: Record<string, string>; admin: GradeSpace['admin'] }[];
  checks: Record<string, CheckRuntimeSpec>;
  registryDir: string;
  gradeDir: string;
  /** How candidate processes are sandboxed: each service instance and module driver opens one sandbox. */
  sandbox: SandboxPlan;
  /** Set when the service could not start once before the tests: every start then fails fast with this. */
  startFailure?: { message: string; output: string };
  /** Set by `bch validate`, which only collects the tests: check() then registers every id, declared or not, so the ids can be compared with the manifest. */
  collectOnly?: boolean;
}

declare module 'vitest' {
  interface ProvidedContext {
    bch: GradeContextData;
  }
}

let cached: GradeContextData | undefined;
const laneViews = new Map<number, GradeContextData>();

/** The current grade's context, with the running check's lane as `env` and `admin`; throws a clear error
 * outside a harness-run suite. */
export function gradeContext(): GradeContextData {
  cached ??= inject('bch');
  if (!cached) throw new Error('No grade context: challenge tests run through `bch grade` or `bch test`, not plain vitest.');
  const lane = currentLane();
  if (!lane) return cached;
  const base = cached;
  let view = laneViews.get(lane);
  if (!view) {
    const space = base.lanes[lane];
    if (!space) throw new Error(`check lane ${lane} has no spaces: the grade opened ${base.lanes.length}`);
    view = { ...base, env: space.env, admin: space.admin };
    laneViews.set(lane, view);
  }
  return view;
}
