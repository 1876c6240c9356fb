import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sampleResults } from './fixtures/sample-results.ts';
import { readResults } from './read-results.ts';

const dir = mkdtempSync(join(tmpdir(), 'bch-read-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('reads a file with one grade, a file with several, and a folder of *.json files in name order', () => {
  writeFileSync(join(dir, 'b.json'), JSON.stringify([sampleResults({ submission: 'b1' }), sampleResults({ submission: 'b2' })]));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(sampleResults({ submission: 'a' })));
  writeFileSync(join(dir, 'junit.xml'), '<testsuites/>');
  expect(readResults([dir]).map((g) => g.submission)).toEqual(['a', 'b1', 'b2']);
  expect(readResults([join(dir, 'b.json'), join(dir, 'a.json')]).map((g) => g.submission)).toEqual(['b1', 'b2', 'a']);
});

test('anything else is a usage error that names the file and what to pass', () => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 2 }));
  expect(() => readResults([join(dir, 'bad.json')])).toThrow(/bad\.json is not bch results \(version 3\): version: .*bch grade --json/);
  expect(() => readResults([join(dir, 'missing.json')])).toThrow(expect.objectContaining({ code: 'BCH_REPORT_NOT_FOUND', kind: 'usage' }));
  const empty = mkdtempSync(join(dir, 'empty-'));
  expect(() => readResults([empty])).toThrow(expect.objectContaining({ code: 'BCH_REPORT_NO_RESULTS' }));
});

test('reads a batch folder (bch grade --out, bch results merge) through its index, in the index order', () => {
  const batch = mkdtempSync(join(dir, 'batch-'));
  for (const id of ['zoe', 'al']) {
    mkdirSync(join(batch, id));
    writeFileSync(join(batch, id, 'results.json'), JSON.stringify(sampleResults({ submission: `${id}.zip` })));
  }
  writeFileSync(join(batch, 'index.json'), JSON.stringify({ version: 1, challenge: 'lru-cache', entries: [{ id: 'al' }, { id: 'zoe' }] }));
  expect(readResults([batch]).map((g) => g.submission)).toEqual(['al.zip', 'zoe.zip']);
  writeFileSync(join(batch, 'index.json'), JSON.stringify({ version: 1, challenge: 'lru-cache', entries: [{ id: 'al' }, { id: 'bo' }] }));
  expect(() => readResults([batch])).toThrow(/1 of its submissions have no results\.json .*bo\/results\.json/);
});
