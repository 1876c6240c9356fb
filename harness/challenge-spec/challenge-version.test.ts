import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { challengeVersion } from './challenge-version.ts';
import { challengesRoot } from './load-challenge.ts';

test('the version is stable, ignores the statement and debrief questions, and changes with a hidden test or a weight', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bch-version-'));
  try {
    cpSync(join(challengesRoot, 'lru-cache'), dir, { recursive: true });
    const before = challengeVersion(dir);
    expect(before).toMatch(/^[0-9a-f]{12}$/);
    expect(challengeVersion(dir)).toBe(before);
    writeFileSync(join(dir, 'README.md'), 'a reworded statement');
    expect(challengeVersion(dir)).toBe(before);
    const manifest = readFileSync(join(dir, 'challenge.yaml'), 'utf8');
    writeFileSync(join(dir, 'challenge.yaml'), manifest.replace('Walk me through', 'Explain'));
    expect(challengeVersion(dir)).toBe(before);
    writeFileSync(
      join(dir, 'challenge.yaml'),
      manifest.replace(/weight: (\d+)/, (_, w: string) => `weight: ${Number(w) + 1}`),
    );
    expect(challengeVersion(dir)).not.toBe(before);
    writeFileSync(join(dir, 'challenge.yaml'), manifest);
    writeFileSync(join(dir, 'hidden', 'extra.test.ts'), '// a new hidden test');
    expect(challengeVersion(dir)).not.toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
