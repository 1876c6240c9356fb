import { describe, expect, test } from 'vitest';
import { loadChallenge } from '../../challenge-spec/load-challenge.ts';
import { laneCount } from './isolate-step.ts';

describe('laneCount', () => {
  const lru = loadChallenge('lru-cache').manifest;
  const byId = (ids: string[]) => lru.checks.filter((c) => ids.includes(c.id));

  test('as many lanes as allowed when enough checks run side by side', () => {
    expect(laneCount(lru, lru.checks, 'hidden', 2)).toBe(2);
    expect(laneCount(lru, lru.checks, 'hidden', 4)).toBe(4);
  });

  test('no more lanes than checks that can use them; one when every check runs alone', () => {
    expect(laneCount(lru, byId(['lifecycle', 'lru-capacity', 'load-skewed']), 'hidden', 4)).toBe(2);
    expect(laneCount(lru, byId(['load-skewed', 'lru-constant-time']), 'hidden', 4)).toBe(1);
  });

  test('one lane for public tests, and for a challenge whose lanes would each copy a data set', () => {
    expect(laneCount(lru, lru.checks, 'public', 4)).toBe(1);
    const qi = loadChallenge('query-indexing').manifest;
    expect(laneCount(qi, qi.checks, 'hidden', 4)).toBe(1);
  });
});
