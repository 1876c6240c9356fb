// The exit code of `bch grade` and `bch test`: a pure function of the run's grades (pinned by scenarios/).
import { exitCodes } from '../errors.ts';
import type { RunResult } from './grade-result.ts';
import type { Suite } from '../suite.ts';

/** environment error (3) over broken challenge (2) over below the minimum (1) over graded (0); public tests: any failure is 1. */
export function exitCodeOfRun(result: RunResult, suite: Suite): number {
  if (result.grades.some((g) => g.status === 'error' && g.errorKind !== 'challenge')) return exitCodes.environment;
  if (result.grades.some((g) => g.status === 'error')) return exitCodes.challenge;
  if (suite === 'public') return result.grades.every((g) => g.status === 'pass') ? exitCodes.graded : exitCodes.belowMinScore;
  return result.grades.every((g) => g.meetsMinScore) ? exitCodes.graded : exitCodes.belowMinScore;
}
