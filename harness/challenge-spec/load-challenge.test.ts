import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ChallengeError, UsageError } from '../errors.ts';
import { parse } from 'yaml';
import { challengeManifestSchema } from './challenge-manifest.ts';
import { challengesRoot, listChallengeIds, loadChallenge, testFilesOf } from './load-challenge.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A copy of lru-cache under a temp root, with its manifest edited. */
function withManifest(edit: (yaml: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'bch-challenges-'));
  roots.push(root);
  cpSync(join(challengesRoot, 'lru-cache'), join(root, 'lru-cache'), { recursive: true });
  const file = join(root, 'lru-cache', 'challenge.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return root;
}

describe('loadChallenge', () => {
  test('loads lru-cache with its checks, weights summing to 100, and parsed load rules', () => {
    const { manifest } = loadChallenge('lru-cache');
    expect(manifest.checks.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
    expect(manifest.checks.find((c) => c.load)?.load?.thresholds[0]).toMatchObject({ metric: 'p99', comparator: '<', limit: 100 });
    expect(listChallengeIds()).toContain('lru-cache');
    expect(testFilesOf(loadChallenge('lru-cache'), 'hidden').length).toBeGreaterThan(0);
  });

  test('the starter is expected to score at most 10 unless the manifest says otherwise', () => {
    expect(loadChallenge('lru-cache').manifest.starterScore).toEqual({ min: 0, max: 10 });
    const root = withManifest((yaml) => `${yaml}\nstarterScore: { min: 30, max: 20 }\n`);
    expect(() => loadChallenge('lru-cache', root)).toThrow('starterScore.min is above starterScore.max');
  });

  test('a check runs alone (timing cpu) unless it says it measures nothing timed or waits on the clock; a load check is cpu', () => {
    const checks = loadChallenge('lru-cache').manifest.checks;
    expect(checks.find((c) => c.id === 'lru-recency-get')?.timing).toBe('none');
    expect(checks.find((c) => c.id === 'lifecycle')?.timing).toBe('clock');
    expect(checks.find((c) => c.id === 'lru-ttl')?.timing, 'a TTL of 150 ms: too tight to share the CPU').toBe('cpu');
    expect(checks.find((c) => c.id === 'load-skewed')?.timing).toBe('cpu');
    const raw = parse(readFileSync(join(challengesRoot, 'lru-cache', 'challenge.yaml'), 'utf8'));
    const withCheck = (id: string, edit: (check: Record<string, unknown>) => void) => {
      const copy = structuredClone(raw);
      edit(copy.checks.find((c: { id: string }) => c.id === id));
      return challengeManifestSchema.safeParse(copy);
    };
    const silent = withCheck('lru-recency-get', (c) => delete c.timing);
    expect(silent.success && silent.data.checks.find((c) => c.id === 'lru-recency-get')?.timing).toBe('cpu');
    const loadBeside = withCheck('load-skewed', (c) => (c.timing = 'none'));
    expect(loadBeside.error?.issues.map((i) => i.message)).toEqual([
      'a load check measures time under CPU load: its timing is cpu (it runs alone), not none',
    ]);
  });

  test('a data set: its seed SQL is read at load time, and it needs the postgres service', () => {
    const challenge = loadChallenge('query-indexing');
    expect(challenge.datasetSeedSql).toContain('generate_series');
    expect(challenge.manifest.submission.migrations).toBe('migrations');
    const withoutPostgres = withManifest((yaml) => `${yaml}\ndataset: { seed: hidden/load.test.ts, seedValue: 1 }\n`);
    expect(() => loadChallenge('lru-cache', withoutPostgres)).toThrow('a dataset or migrations need the postgres service');
    const missingSeed = withManifest(
      (yaml) => `${yaml.replace('services: [redis]', 'services: [redis, postgres]')}\ndataset: { seed: dataset/none.sql, seedValue: 1 }\n`,
    );
    expect(() => loadChallenge('lru-cache', missingSeed)).toThrow(/missing:\n.*dataset\/none\.sql/);
  });

  test('an unknown challenge is a usage error listing the known ones', () => {
    expect(() => loadChallenge('nope')).toThrow(UsageError);
    expect(() => loadChallenge('nope')).toThrow(/Known challenges: .*lru-cache/);
  });

  test('checks that weights sum to 100', () => {
    const root = withManifest((yaml) => yaml.replace('weight: 7,', 'weight: 8,'));
    expect(() => loadChallenge('lru-cache', root)).toThrow('check weights must sum to 100, they sum to 101');
  });

  test('names every field problem of an invalid manifest at once', () => {
    const root = withManifest((yaml) =>
      yaml.replace('difficulty: medium', 'difficulty: brutal').replace('"p99 < 100ms"', '"p99 under 100ms"'),
    );
    let error: unknown;
    try {
      loadChallenge('lru-cache', root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChallengeError);
    const message = (error as Error).message;
    expect(message).toContain('difficulty');
    expect(message).toContain('"p99 under 100ms" is not a rule');
  });

  test('duplicate check ids and a missing starter entry are reported', () => {
    const root = withManifest((yaml) =>
      yaml.replace('id: lru-recency-set', 'id: lru-recency-get').replace('entry: src/server.ts', 'entry: src/main.ts'),
    );
    expect(() => loadChallenge('lru-cache', root)).toThrow(/duplicate check id "lru-recency-get"/);
    const root2 = withManifest((yaml) => yaml.replace('entry: src/server.ts', 'entry: src/main.ts'));
    expect(() => loadChallenge('lru-cache', root2)).toThrow(/missing:\n.*starter\/src\/main\.ts/);
  });
});
