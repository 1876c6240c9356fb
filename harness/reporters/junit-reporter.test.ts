import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { JunitReporter } from './junit-reporter.ts';

test('JunitReporter writes the XML to its file when the run ends', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bch-junit-'));
  try {
    const file = join(dir, 'out', 'junit.xml');
    await new JunitReporter(file).onRunEnd({ grades: [sampleGrade()], servicesMs: 2000, durationMs: 15_000 });
    const xml = await readFile(file, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<testsuites name="bch" tests="5" failures="3" errors="1" time="15.000">');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
