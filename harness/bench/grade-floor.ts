// The floor of a grade: what no scheduling can save. Its load runs' configured durations (the quick ones with
// --quick), which run alone, plus one start of the service. The waits a statement imposes inside other checks (a
// TTL, a drain) are not counted, since the manifest does not state them, so the ratio to the floor overstates the
// harness's own cost a little.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';

export function gradeFloorMs(manifest: ChallengeManifest, quick: boolean, startMs: number, onlyChecks?: readonly string[]): number {
  const checks = onlyChecks ? manifest.checks.filter((c) => onlyChecks.includes(c.id)) : manifest.checks;
  const loadSeconds = checks.reduce((sum, c) => sum + (c.load ? (quick ? c.load.quickDurationSeconds : c.load.durationSeconds) : 0), 0);
  return loadSeconds * 1000 + startMs;
}
