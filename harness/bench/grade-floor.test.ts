import { describe, expect, test } from 'vitest';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { gradeFloorMs } from './grade-floor.ts';

describe('gradeFloorMs', () => {
  const lru = loadChallenge('lru-cache').manifest;
  const load = lru.checks.find((c) => c.load)!.load!;

  test("the load runs' configured durations, the quick ones with --quick, plus one service start", () => {
    expect(gradeFloorMs(lru, true, 900)).toBe(load.quickDurationSeconds * 1000 + 900);
    expect(gradeFloorMs(lru, false, 900)).toBe(load.durationSeconds * 1000 + 900);
  });

  test('only the load runs of the checks graded', () => {
    expect(gradeFloorMs(lru, true, 900, ['lru-ttl'])).toBe(900);
  });
});
