// What a reporter is: optional hooks called as a run progresses. Reporters only read typed results.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';
import type { CheckResult, GradeResult, PhaseName, RunResult } from './grade-result.ts';
import type { Suite } from '../suite.ts';

export interface RunStartInfo {
  challenge: ChallengeManifest;
  submissions: string[];
  suite: Suite;
}

export interface PhaseEvent {
  submission: string;
  phase: PhaseName | 'services' | 'dataset';
  state: 'start' | 'end';
  durationMs?: number;
  /** A short note, e.g. "dependencies cached" or "containers: redis". */
  detail?: string;
  /** Set on an end when the phase ran but its outcome ends or spoils the grade (a rejected submission, a service
   * that did not start): reporters mark it as a failure, not a tick. */
  failed?: boolean;
}

export interface Reporter {
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onPhase?(event: PhaseEvent): void | Promise<void>;
  /** A check (hidden suite) or a test (public suite) started. */
  onCheckStart?(submission: string, check: { id: string; title: string }): void | Promise<void>;
  onCheckResult?(submission: string, check: CheckResult): void | Promise<void>;
  onGradeEnd?(result: GradeResult): void | Promise<void>;
  onRunEnd?(result: RunResult): void | Promise<void>;
}

/** Calls one hook on every reporter, in order. */
export async function notify<K extends keyof Reporter>(
  reporters: readonly Reporter[],
  hook: K,
  ...args: Parameters<NonNullable<Reporter[K]>>
): Promise<void> {
  for (const reporter of reporters) {
    const fn = reporter[hook] as ((...a: typeof args) => void | Promise<void>) | undefined;
    await fn?.apply(reporter, args);
  }
}
