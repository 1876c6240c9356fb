import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { challengesRoot } from '../challenge-spec/load-challenge.ts';
import { scaffoldChallenge, testkitImportFor } from './scaffold-challenge.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bch-scaffold-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'challenges');

describe('scaffoldChallenge', () => {
  test('writes the challenge and its reference, with the services asked for', async () => {
    const result = await scaffoldChallenge({ id: 'rate-limiter', services: ['redis', 'postgres'], root });
    expect(result.referenceDir).toBe(join(scratch, 'solutions', 'rate-limiter'));
    expect(readdirSync(join(root, 'rate-limiter')).sort()).toEqual([
      'README.md',
      'challenge.yaml',
      'hidden',
      'public',
      'starter',
      'variants.yaml',
    ]);
    const manifest = readFileSync(join(root, 'rate-limiter', 'challenge.yaml'), 'utf8');
    expect(manifest).toContain('services: [redis, postgres]');
    expect(manifest).toContain('{ name: REDIS_KEY_PREFIX, description: "prefix for every Redis key and pub/sub channel" }');
    expect(JSON.parse(readFileSync(join(result.referenceDir, 'package.json'), 'utf8')).dependencies).toEqual({
      ioredis: '^6.0.0',
      pg: '^8.23.1',
    });
    expect(readFileSync(join(root, 'rate-limiter', 'starter/src/app.ts'), 'utf8')).toContain("send(501, { error: 'not implemented' })");
    expect(readFileSync(join(root, 'rate-limiter', 'starter/test/app.test.ts'), 'utf8')).toContain("import request from 'supertest';");
  });

  test("its tests import the testkit by a relative path, the one the repository's challenges use", async () => {
    expect(testkitImportFor(join(challengesRoot, 'rate-limiter'))).toBe('../../../harness/testkit/index.ts');
    const hidden = readFileSync(join(root, 'rate-limiter', 'hidden', 'greeting.test.ts'), 'utf8');
    expect(hidden).toContain(`from '${testkitImportFor(join(root, 'rate-limiter'))}'`);
  });

  test.each([
    ['Rate_Limiter', [], 'BCH_BAD_CHALLENGE_ID'],
    ['rate-limiter', [], 'BCH_CHALLENGE_EXISTS'],
    ['other', ['redis', 'mysql'], 'BCH_UNKNOWN_SERVICE'],
  ])('refuses %s with %j: %s, a usage error, and writes nothing', async (id, services, code) => {
    const before = readdirSync(root).sort();
    const error = await scaffoldChallenge({ id, services, root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code });
    expect(readdirSync(root).sort()).toEqual(before);
  });
});
