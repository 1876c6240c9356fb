import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { own, type Stoppable } from './check-scope.ts';

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
