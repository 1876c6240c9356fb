// The complete environment of a candidate process: nothing of the harness's own environment leaks in.
import type { ChallengeManifest } from '../../challenge-spec/challenge-manifest.ts';
import type { SandboxDecision } from '../../sandbox/choose-sandbox.ts';

export function candidateEnv(
  manifest: ChallengeManifest,
  decision: SandboxDecision,
  appDir: string,
  serviceEnv: Record<string, string>,
): Record<string, string> {
  const defaults = Object.fromEntries(manifest.submission.env.flatMap((v) => (v.default === undefined ? [] : [[v.name, v.default]])));
  return {
    PATH: decision.mechanism === 'none' ? (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin') : '/usr/local/bin:/usr/bin:/bin',
    HOME: appDir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NODE_ENV: 'production',
    ...defaults,
    ...serviceEnv,
  };
}
