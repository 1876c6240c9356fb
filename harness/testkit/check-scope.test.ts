import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { TestContext } from 'vitest';
import { CheckScope, disown, own, type Stoppable } from './check-scope.ts';

// Whatever a plain test (a public test) owns is stopped when that test ends, after its afterEach hooks.
describe('own() in a plain test', () => {
  const events: string[] = [];
  const thing = (name: string): Stoppable => ({
    stop: async () => void events.push(`stop ${name}`),
    describe: () => ({ label: name, output: '' }),
  });

  afterEach(() => void events.push('afterEach'));
  afterAll(() => {
    expect(events).toEqual(['afterEach', 'stop a', 'stop b', 'afterEach', 'stop c']);
  });

  test('owns two things', () => {
    own(thing('a'));
    own(thing('b'));
    expect(events).toEqual([]);
  });

  test('the next test starts after they stopped, and owns its own', () => {
    expect(events).toEqual(['afterEach', 'stop a', 'stop b']);
    own(thing('c'));
  });
});

// Checks that run side by side each own what they start, through their async context: one check's end stops only
// its own things, and a failure shows only its own output.
describe('CheckScope', () => {
  const stopped: string[] = [];
  const thing = (name: string): Stoppable => ({
    stop: async () => void stopped.push(name),
    describe: () => ({ label: name, output: `output of ${name}` }),
  });
  const task = (state: 'pass' | 'fail') => ({ result: { state }, meta: {} }) as unknown as TestContext['task'];

  test('overlapping checks: each end stops only what that check owned, after any await', async () => {
    const a = new CheckScope();
    const b = new CheckScope();
    const shared = thing('shared');
    await Promise.all([
      a.run(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        own(thing('a'));
        own(shared);
        disown(shared);
      }),
      b.run(async () => {
        own(thing('b'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }),
    ]);
    const passed = task('pass');
    await b.end(passed);
    expect(stopped).toEqual(['b']);
    expect(passed.meta.bchOutput, 'a passed check carries no output').toBeUndefined();
    const failed = task('fail');
    await a.end(failed);
    expect(stopped).toEqual(['b', 'a']);
    expect(failed.meta.bchOutput).toBe('--- a ---\noutput of a');
  });
});
