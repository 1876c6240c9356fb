import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sampleResults } from '../html-report/fixtures/sample-results.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'bch-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `bch` in process and returns its exit code and output. */
async function bch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, env: {} });
  return { code, out, err };
}

test('bch report writes the HTML file and says where, for either audience', async () => {
  const results = join(dir, 'results.json');
  writeFileSync(results, JSON.stringify([sampleResults({ submission: 'alice' }), sampleResults({ submission: 'bob', status: 'fail' })]));
  const html = join(dir, 'out', 'report.html');
  const run = await bch('report', results, '--html', html);
  expect(run).toMatchObject({ code: 0, err: '' });
  expect(run.out).toMatch(new RegExp(`^bch: wrote the interviewer report of 2 grades to ${html} \\(\\d+ KB, \\d+ ms\\)\\n$`));
  expect(readFileSync(html, 'utf8')).toContain('Debrief guide');
  expect((await bch('report', dir, '--html', html, '--audience', 'candidate', '--submission', 'bob')).code).toBe(0);
  const copy = readFileSync(html, 'utf8');
  expect(copy).not.toContain('Debrief guide');
  expect(copy).not.toContain('alice');
});

test('bad input is a usage error (exit 2) that says what to pass', async () => {
  expect(await bch('report', join(dir, 'missing.json'), '--html', join(dir, 'x.html'))).toMatchObject({
    code: 2,
    err: expect.stringContaining('BCH_REPORT_NOT_FOUND'),
  });
  expect((await bch('report', join(dir, 'results.json'))).code).toBe(2);
  expect((await bch('report', join(dir, 'results.json'), '--html', join(dir, 'x.html'), '--audience', 'boss')).code).toBe(2);
  expect(await bch('report', join(dir, 'results.json'), '--html', join(dir, 'x.html'), '--audience', 'candidate')).toMatchObject({
    code: 2,
    err: expect.stringContaining(
      'A candidate copy must show one candidate, but these results hold 2 submissions (alice, bob): pick one with --submission <id>.',
    ),
  });
  expect(await bch('report', join(dir, 'results.json'), '--html', join(dir, 'x.html'), '--submission', 'carol')).toMatchObject({
    code: 2,
    err: expect.stringContaining('No grade of submission "carol"'),
  });
});

test('the page gets an .html name, and a candidate is picked by its batch id or its name; no path of the grading machine reaches the page', async () => {
  const batch = join(dir, 'batch');
  for (const [id, submission] of [
    ['dave@submitted', '/home/ines/subs/dave#submitted'],
    ['erin', '/home/ines/subs/erin.tgz'],
  ]) {
    const folder = join(batch, id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'results.json'), JSON.stringify(sampleResults({ submission })));
  }
  writeFileSync(join(batch, 'index.json'), JSON.stringify({ entries: [{ id: 'dave@submitted' }, { id: 'erin' }] }));
  const run = await bch('report', batch, '--html', join(dir, 'named'), '--audience', 'candidate', '--submission', 'dave@submitted');
  expect(run).toMatchObject({ code: 0, err: '' });
  expect(run.out).toContain(`to ${join(dir, 'named.html')} (`);
  const page = readFileSync(join(dir, 'named.html'), 'utf8');
  expect(page).toContain('dave@submitted');
  expect(page).not.toContain('/home/ines');
  expect(page).not.toContain('erin');
  expect((await bch('report', batch, '--html', dir, '--submission', 'erin.tgz')).code).toBe(0);
  expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('/home/ines');
});
