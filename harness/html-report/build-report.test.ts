import { describe, expect, test } from 'vitest';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { buildReport } from './build-report.ts';
import { sampleResults } from './fixtures/sample-results.ts';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>\x1b[31mred\x1b[0m';

describe('buildReport', () => {
  test('escapes hostile candidate text everywhere and strips ANSI escapes', () => {
    const grade = sampleResults({ submission: hostile, message: hostile });
    grade.tests[1].message = hostile;
    grade.tests[1].output = `${hostile}\n"quoted" & 'single'`;
    const html = buildReport({
      grades: [grade],
      audience: 'interviewer',
      manifestOf: () => {
        throw new Error('none');
      },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('\x1b');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;red');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  test('forbids network requests and allows only its own script (CSP)', () => {
    const html = buildReport({ grades: [sampleResults()], audience: 'interviewer' });
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  test('the candidate copy has no assertion message, output, check id or debrief', () => {
    const grade = sampleResults({ status: 'fail' });
    grade.tests[1].message = 'SECRET-ASSERTION';
    const manifest = { ...loadChallenge('lru-cache').manifest };
    manifest.checks = manifest.checks.map((c) =>
      c.id === 'lru-recency-get' ? { ...c, id: 'lru-evict', debrief: ['SECRET-QUESTION about eviction?'] } : c,
    );
    const interviewer = buildReport({ grades: [grade], audience: 'interviewer', manifestOf: () => manifest });
    expect(interviewer).toContain('SECRET-ASSERTION');
    expect(interviewer).toContain('SECRET-QUESTION');
    expect(interviewer).toContain('cache state dump');
    const candidate = buildReport({ grades: [grade], audience: 'candidate', manifestOf: () => manifest });
    expect(candidate).not.toContain('SECRET-ASSERTION');
    expect(candidate).not.toContain('SECRET-QUESTION');
    expect(candidate).not.toContain('cache state dump');
    expect(candidate).not.toContain('Debrief');
    expect(candidate).not.toContain('<code');
    expect(candidate).toContain('evicts the least recently used key');
    expect(candidate).toContain('p99 &lt; 100ms');
  });

  test('draws one mark per data point: categories, candidates, latency figures and rules', () => {
    const grades = [sampleResults(), sampleResults({ submission: 'bob', status: 'pass' })];
    const html = buildReport({ grades, audience: 'interviewer' });
    expect(html.match(/class="mark bar"/g)).toHaveLength(2 * 3 + 2);
    expect(html.match(/class="mark column"/g)).toHaveLength(2 * 4);
    expect(html.match(/class="mark rule ok"/g)).toHaveLength(2 * 2);
    expect(html.match(/class="mark rule bad"/g)).toHaveLength(2 * 1);
  });

  test('a challenge whose manifest cannot be read gets a note, not a crash', () => {
    const html = buildReport({
      grades: [sampleResults()],
      audience: 'interviewer',
      manifestOf: () => {
        throw new Error('gone');
      },
    });
    expect(html).toContain('No debrief for challenge &quot;lru-cache&quot;: its manifest could not be read (gone).');
  });

  test('the comparison lists candidates best first, with the grading time unwrapped and named as such', () => {
    const best = sampleResults({ submission: 'bob', status: 'pass' });
    best.score = 100;
    const html = buildReport({ grades: [sampleResults({ submission: 'alice' }), best], audience: 'interviewer' });
    const table = html.slice(html.indexOf('<table class="sortable">'), html.indexOf('</table>', html.indexOf('<table class="sortable">')));
    expect(table.indexOf('>bob<')).toBeLessThan(table.indexOf('>alice<'));
    expect(table).toContain('Grading time');
    expect(table).not.toContain('Duration');
  });

  test('a load heading does not repeat the word of a title that already starts with it', () => {
    const grade = sampleResults();
    const load = grade.tests.find((t) => t.load)!;
    load.name = 'Load: authenticated article reads';
    const html = buildReport({ grades: [grade], audience: 'interviewer' });
    expect(html).toContain('<h3>Load: authenticated article reads</h3>');
    expect(html).not.toContain('Load: Load:');
  });

  test("the candidate copy shows the candidate's own grade: no comparison, no grading-machine details, no verdict without a minimum", () => {
    const noMinimum = sampleResults({ status: 'fail' });
    noMinimum.min_score = 0;
    const candidate = buildReport({ grades: [noMinimum], audience: 'candidate' });
    expect(candidate).not.toContain('Comparison');
    expect(candidate).not.toContain('Checks by candidate');
    expect(candidate).not.toContain('Sandbox');
    expect(candidate).not.toContain('Phases');
    expect(candidate).not.toContain('version not recorded');
    expect(candidate).not.toContain('FAIL');
    expect(candidate).toMatch(/<span class="badge">\d+ of \d+ checks passed<\/span>/);
    const withMinimum = sampleResults({ status: 'fail' });
    withMinimum.min_score = 60;
    expect(buildReport({ grades: [withMinimum], audience: 'candidate' })).toContain('FAIL');
  });

  test("the interviewer copy shows the code beside the grade: its diff against the starter, its files, and where a lost check's evidence points", () => {
    const grade = sampleResults();
    grade.tests[1].output = 'TypeError: boom\n    at evict (src/lru-cache.ts:42:9)';
    const files = [{ path: 'src/lru-cache.ts', content: 'export class LruCache {\n  // mine\n}\n' }];
    const sources = { files: new Map([[grade.submission, files]]), notes: new Map<string, string>() };
    const html = buildReport({ grades: [grade], audience: 'interviewer', sources });
    expect(html).toContain('Diff against the starter');
    expect(html).toContain('+  // mine');
    expect(html).toContain('<code>src/lru-cache.ts</code> <span class="muted">3 lines, changed</span>');
    expect(html).toContain('points to <code>src/lru-cache.ts:42</code>');
    expect(buildReport({ grades: [grade], audience: 'candidate', sources })).not.toContain('Diff against the starter');
    const unread = { files: new Map(), notes: new Map([[grade.submission, 'could not be read again (<path> is gone)']]) };
    expect(buildReport({ grades: [grade], audience: 'interviewer', sources: unread })).toContain(
      'Not shown: could not be read again (&lt;path&gt; is gone).',
    );
  });
});
