import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sampleGrade } from '../reporters/fixtures/sample-grade.ts';
import { changedFiles, fingerprintFiles, integrityMessage, untrustedGrade } from './harness-integrity.ts';

describe('harness integrity', () => {
  test('a changed, added or removed file shows in the difference of two fingerprints; an untouched tree shows none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-integrity-'));
    await mkdir(join(dir, 'hidden'));
    await writeFile(join(dir, 'hidden/a.test.ts'), 'check a');
    await writeFile(join(dir, 'challenge.yaml'), 'id: x');
    const before = await fingerprintFiles([dir]);
    await mkdir(join(dir, 'node_modules/.vitest-cache'), { recursive: true });
    await writeFile(join(dir, 'node_modules/.vitest-cache/x'), 'vitest writes its cache here while grading');
    expect(changedFiles(before, await fingerprintFiles([dir]))).toEqual([]);
    await writeFile(join(dir, 'hidden/a.test.ts'), 'check a // emptied');
    await writeFile(join(dir, 'hidden/b.test.ts'), 'new');
    await rm(join(dir, 'challenge.yaml'));
    const changed = changedFiles(before, await fingerprintFiles([dir]));
    expect(changed).toHaveLength(3);
    expect(changed.map((path) => path.split('/').slice(-2).join('/'))).toEqual([
      expect.stringMatching(/challenge\.yaml$/),
      'hidden/a.test.ts',
      'hidden/b.test.ts',
    ]);
  });

  test('an untrusted grade is an environment error worth nothing, every check saying why', () => {
    const message = integrityMessage(['challenges/lru-cache/hidden/a.test.ts']);
    const result = untrustedGrade(sampleGrade({ status: 'pass', score: 100, meetsMinScore: true }), message);
    expect([result.status, result.errorKind, result.code, result.score, result.meetsMinScore]).toEqual([
      'error',
      'environment',
      'BCH_HARNESS_CHANGED',
      0,
      false,
    ]);
    expect(
      result.checks.every((c) => c.state === 'error' && c.score === 0 && c.message === message && c.code === 'BCH_HARNESS_CHANGED'),
    ).toBe(true);
    expect(message).toContain(
      'harness integrity: files of the challenge or the harness changed during this grade (challenges/lru-cache/hidden/a.test.ts)',
    );
    expect(integrityMessage([], 'submissions/mallory')).toContain('changed during an earlier grade of this run (submissions/mallory)');
  });
});
