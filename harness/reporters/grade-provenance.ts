// Where a grade's figures come from: when it ran, which harness and challenge version graded it, and on what
// machine. Load figures from different machines (or a busy one) are not comparable; the report says which they are.
import { availableParallelism, loadavg, platform, release } from 'node:os';
import { harnessCommit, harnessVersion } from '../config/harness-version.ts';
import type { GradeResult } from '../grading/grade-result.ts';
import type { JsonReportContext } from './json-report.ts';

/** The machine a grade ran on, as it was when the grade ended. */
export function machineFacts(): NonNullable<JsonReportContext['machine']> {
  return {
    cores: availableParallelism(),
    load_average: loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

/** The provenance of a grade that just ended (its start is now minus its duration). */
export function gradeProvenance(result: GradeResult, challengeVersion: string | undefined): JsonReportContext {
  const commit = harnessCommit();
  return {
    harnessVersion,
    ...(commit && { harnessCommit: commit }),
    challengeVersion,
    gradedAt: new Date(Date.now() - result.durationMs),
    machine: machineFacts(),
  };
}
