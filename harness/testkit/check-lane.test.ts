import { describe, expect, test } from 'vitest';
import { acquireLane, currentLane } from './check-lane.ts';

describe('acquireLane', () => {
  test('hands out free lanes, waits while all are held, and the lane travels with the async context', async () => {
    const a = await acquireLane(2);
    const b = await acquireLane(2);
    expect([a.lane, b.lane]).toEqual([0, 1]);
    let third: number | undefined;
    const waiting = acquireLane(2).then((lane) => {
      third = lane.lane;
      return lane;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third, 'no lane is free until one is released').toBeUndefined();
    b.release();
    b.release(); // twice is once
    const c = await waiting;
    expect(c.lane).toBe(1);
    const seen = await c.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentLane();
    });
    expect(seen).toBe(1);
    expect(currentLane(), 'outside run(), no lane').toBeUndefined();
    a.release();
    c.release();
    expect((await acquireLane(2)).lane).toBe(0);
  });
});
