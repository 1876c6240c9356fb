import { describe, expect, test } from 'vitest';
import { deriveLockfile, type Lockfile } from './derive-lockfile.ts';

const lock: Lockfile = {
  name: 'repo',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'repo', dependencies: { a: '^1', unused: '^1' } },
    'node_modules/a': {
      version: '1.0.0',
      dependencies: { b: '^2' },
      optionalDependencies: { 'gone-optional': '^1' },
      peerDependencies: { p: '*' },
    },
    'node_modules/a/node_modules/b': { version: '2.0.0', dependencies: { c: '^1' } },
    'node_modules/b': { version: '1.0.0' },
    'node_modules/c': { version: '1.0.0' },
    'node_modules/p': { version: '3.0.0' },
    'node_modules/unused': { version: '1.0.0', dependencies: { d: '^1' } },
    'node_modules/d': { version: '1.0.0' },
  },
};

describe('deriveLockfile', () => {
  test('keeps what the kit reaches, resolved from the nearest node_modules outwards, with a new root entry', () => {
    const derived = deriveLockfile(lock, { name: 'kit', version: '0.1.0', dependencies: { a: '^1' } });
    expect(Object.keys(derived.packages)).toEqual([
      '',
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/c',
      'node_modules/p',
    ]);
    expect(derived.packages['']).toEqual({ name: 'kit', version: '0.1.0', dependencies: { a: '^1' } });
    expect(derived.packages['node_modules/a']).toBe(lock.packages['node_modules/a']);
    expect(derived).toMatchObject({ name: 'kit', lockfileVersion: 3, requires: true });
  });

  test('a dependency missing from the lockfile is an error naming who needs it; an old lockfile is refused', () => {
    const broken = { ...lock, packages: { ...lock.packages, 'node_modules/c': undefined! } };
    delete broken.packages['node_modules/c'];
    expect(() => deriveLockfile(broken, { name: 'kit', version: '1', dependencies: { a: '^1' } })).toThrow(
      'no entry for "c" (needed by node_modules/a/node_modules/b)',
    );
    expect(() => deriveLockfile({ ...lock, lockfileVersion: 1 }, { name: 'kit', version: '1', dependencies: {} })).toThrow(
      'lockfileVersion 1',
    );
  });
});
