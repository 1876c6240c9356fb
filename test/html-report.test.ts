// The HTML report of a real grade (lru-cache: reference, starter, two known-bad variants, and a copy of the reference
// that does not compile), opened in Debian's Chromium: no console error, one chart mark per data point, a sortable
// comparison listed best first, no serious or critical axe-core violation, no element overflowing its box at 1400
// and 800 px, no sideways scrolling at phone width, no path of the grading machine, the broken submission's cause
// once, and a screenshot for people to look at.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { externalFlags } from './support/run-bch.ts';
import { materializeVariants, repoRoot } from './support/variants.ts';

const run = promisify(execFile);
const outDir = join(repoRoot, 'test-output', 'html-report');
const bch = join(repoRoot, 'bin', 'bch.js');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Results {
  submission: string;
  score: number;
  tests: Array<{ category: string; load?: { metrics: Record<string, number>; rules: unknown[] } }>;
}

describe('the HTML report of a real grade, in Chromium', () => {
  let results: Results[];
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const variants = (await materializeVariants('lru-cache')).filter((v) => v.id === 'get-no-refresh' || v.id === 'no-single-flight');
    // The reference with one character too many: its service cannot start, and its LruCache class cannot load.
    const broken = join(outDir, 'broken');
    await cp(join(repoRoot, 'solutions', 'lru-cache'), broken, { recursive: true });
    const app = join(broken, 'src', 'app.ts');
    await writeFile(app, (await readFile(app, 'utf8')).replace(/\n/, '\nconst = ;\n'));
    const submissions = [
      join(repoRoot, 'solutions', 'lru-cache'),
      join(repoRoot, 'challenges', 'lru-cache', 'starter'),
      ...variants.map((v) => v.dir),
      broken,
    ];
    const json = join(outDir, 'results.json');
    // One batch grade (the suite holds the machine-wide grade lock: test/support/grade-lock.ts).
    await run(process.execPath, [bch, 'grade', 'lru-cache', ...submissions, ...externalFlags, '--quick', '--json', json], {
      cwd: repoRoot,
      maxBuffer: 64 << 20,
      timeout: 30 * 60_000,
    }).catch((error: { code?: number; stderr?: string }) => {
      if (error.code !== 1) throw new Error(`bch grade failed (exit ${error.code}): ${error.stderr?.slice(-2000)}`);
    });
    results = JSON.parse(await readFile(json, 'utf8'));
    expect(results).toHaveLength(5);
    await run(process.execPath, [bch, 'report', json, '--html', join(outDir, 'report.html')], { cwd: repoRoot });
    await run(
      process.execPath,
      [bch, 'report', json, '--html', join(outDir, 'candidate.html'), '--audience', 'candidate', '--submission', variants[0].dir],
      { cwd: repoRoot },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(`file://${join(outDir, 'report.html')}`);
  }, 32 * 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('opens from file:// with no console error and asks for nothing on the network', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.reload();
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
  });

  test('every chart draws one mark per data point', async () => {
    const scoreMarks = await page.locator('section[id^=compare] svg.chart .mark').count();
    expect(scoreMarks).toBe(results.length);
    for (const [i, grade] of results.entries()) {
      const section = page.locator(`#c${i + 1}`);
      const categories = new Set(grade.tests.map((t) => t.category)).size;
      expect(await section.locator('svg.chart .mark.bar').count(), `categories of ${grade.submission}`).toBe(categories);
      const loads = grade.tests.flatMap((t) => (t.load ? [t.load] : []));
      const latency = loads.flatMap((l) => Object.keys(l.metrics).filter((m) => /^(p\d+|max)$/.test(m)));
      expect(await section.locator('svg.chart .mark.column').count(), `latency figures of ${grade.submission}`).toBe(latency.length);
      expect(await section.locator('svg.chart .mark.rule').count(), `rules of ${grade.submission}`).toBe(
        loads.reduce((n, l) => n + l.rules.length, 0),
      );
    }
  });

  test('sorting the comparison table by score works with the mouse and the keyboard', async () => {
    const table = page.locator('table.sortable').first();
    const scores = async () =>
      (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((text) => Number(text.split('/')[0]));
    const expected = results.map((r) => r.score);
    await table.getByRole('button', { name: 'Score' }).click();
    expect(await scores()).toEqual([...expected].sort((a, b) => a - b));
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await table.getByRole('button', { name: 'Score' }).focus();
    await page.keyboard.press('Enter');
    expect(await scores()).toEqual([...expected].sort((a, b) => b - a));
  });

  test('the comparison lists the candidates best first', async () => {
    await page.reload();
    const shown = (await page.locator('table.sortable').first().locator('tbody tr td:nth-child(2)').allTextContents()).map((text) =>
      Number(text.split('/')[0]),
    );
    expect(shown).toEqual(results.map((r) => r.score).sort((a, b) => b - a));
  });

  test('no element overflows its box at 1400 and 800 px: what is wider scrolls, with the candidates in view', async () => {
    for (const width of [1400, 800]) {
      await page.setViewportSize({ width, height: 900 });
      const overflowing = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((element) => {
            const style = getComputedStyle(element);
            const scrolls = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
            return element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0 && !scrolls && style.display !== 'inline';
          })
          .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${element.scrollWidth} > ${element.clientWidth}`),
      );
      expect(overflowing, `at ${width} px: ${overflowing.join('; ')}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
      expect(
        await page
          .locator('table.matrix tbody th')
          .first()
          .evaluate((cell) => getComputedStyle(cell).position),
      ).toBe('sticky');
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('no path of the grading machine appears in either copy', async () => {
    for (const file of ['report.html', 'candidate.html']) {
      const html = await readFile(join(outDir, file), 'utf8');
      for (const path of [repoRoot, join(tmpdir(), 'bch')]) expect(html, `${file} holds ${path}`).not.toContain(path);
    }
  });

  test("a submission that does not compile shows its cause once, at the top, and its service's checks say they did not run", async () => {
    const section = page.locator(`#c${results.length}`);
    const notice = section.locator('p.notice', { hasText: 'The service did not start' });
    expect(await notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/src\/app\.ts:\d+:\d+/);
    expect(await section.locator('td', { hasText: 'not run' }).count()).toBeGreaterThan(0);
    expect(await section.locator('summary', { hasText: 'Start-up of the service' }).count()).toBe(1);
    expect(
      await section.locator('summary', { hasText: '(last lines)' }).count(),
      'the start-up output once, not under every check',
    ).toBeLessThanOrEqual(2);
  });

  test("the reviewer's marks typed into the page survive saving it, and the next report is made with them", async () => {
    const json = join(outDir, 'results.json');
    const rubric = join(outDir, 'rubric.yaml');
    await writeFile(
      rubric,
      'scale: [1, 2, 3, 4]\ncriteria:\n  - { id: structure, title: Code structure }\n  - { id: tests, title: Tests }\n',
    );
    await run(process.execPath, [bch, 'report', json, '--html', join(outDir, 'marked.html'), '--rubric', rubric, '--no-similarity'], {
      cwd: repoRoot,
    });
    const marking = await browser.newPage();
    await marking.goto(`file://${join(outDir, 'marked.html')}`);
    const first = marking.locator('fieldset.marks').first();
    await first.locator('select[data-criterion="structure"]').selectOption('3');
    await first.locator('textarea[data-note="structure"]').fill('small modules, <b>clear</b> names');
    await first.locator('textarea[data-notes]').fill('ask about the TTL');
    await writeFile(join(outDir, 'marked-saved.html'), await marking.content());
    await marking.close();
    await run(
      process.execPath,
      [bch, 'report', json, '--html', join(outDir, 'remarked.html'), '--marks', join(outDir, 'marked-saved.html'), '--no-similarity'],
      {
        cwd: repoRoot,
      },
    );
    const again = await readFile(join(outDir, 'remarked.html'), 'utf8');
    expect(again).toContain('<option value="3" selected>3</option>');
    expect(again).toContain('small modules, &lt;b&gt;clear&lt;/b&gt; names</textarea>');
    expect(again).toContain('ask about the TTL</textarea>');
  });

  test('axe-core finds no serious or critical violation', async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }
      ).axe;
      return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  test('fits a phone width without sideways scrolling, prints, and leaves a screenshot', async () => {
    await page.screenshot({ path: join(outDir, 'report.png') });
    await page.pdf({ path: join(outDir, 'report.pdf') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(outDir, 'report-phone.png') });
  });

  test('the candidate copy opens cleanly and has no debrief or assertion message', async () => {
    const candidate = await browser.newPage();
    const errors: string[] = [];
    candidate.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await candidate.goto(`file://${join(outDir, 'candidate.html')}`);
    expect(errors).toEqual([]);
    expect(await candidate.locator('text=Debrief guide').count()).toBe(0);
    expect(await candidate.content()).not.toContain('expected');
    await candidate.close();
  });
});
