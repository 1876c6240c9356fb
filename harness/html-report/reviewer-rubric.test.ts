import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildReport } from './build-report.ts';
import { sampleResults } from './fixtures/sample-results.ts';
import { marksJson, readMarks, readRubric, type ReviewerMarks } from './reviewer-rubric.ts';

const dir = mkdtempSync(join(tmpdir(), 'bch-rubric-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

const rubricFile = file(
  'rubric.yaml',
  'scale: [weak, fair, good, strong]\ncriteria:\n  - { id: structure, title: Code structure, description: "Could a teammate change it?" }\n  - { id: tests, title: Tests }\n',
);

describe('the reviewer rubric', () => {
  test('a rubric gives every candidate empty fields: a mark on the scale and a note per criterion, and notes', () => {
    const html = buildReport({ grades: [sampleResults()], audience: 'interviewer', rubric: readRubric(rubricFile) });
    expect(html).toContain('<fieldset class="marks" data-candidate="alice">');
    expect(html.match(/<select /g)).toHaveLength(2);
    expect(html).toContain('<option value="strong">strong</option>');
    expect(html).not.toContain(' selected');
    expect(html).toContain('Could a teammate change it?');
    expect(html).toMatch(/<script type="application\/json" id="bch-marks">\{"version":1,"rubric":/);
    const candidate = buildReport({ grades: [sampleResults()], audience: 'candidate', rubric: readRubric(rubricFile) });
    expect(candidate).not.toContain('<fieldset class="marks"');
    expect(candidate).not.toContain('<script type="application/json" id="bch-marks">');
  });

  test('marks round-trip: a page saved after marking is read back, and the new report shows them, its score unchanged', () => {
    const blank = buildReport({ grades: [sampleResults()], audience: 'interviewer', rubric: readRubric(rubricFile) });
    const marks: ReviewerMarks = {
      version: 1,
      rubric: readRubric(rubricFile),
      candidates: {
        alice: { criteria: { structure: { mark: 'good', note: 'clear modules </script><b>x</b>' } }, notes: 'ask about the TTL' },
      },
    };
    const saved = file(
      'saved.html',
      blank.replace(/(<script type="application\/json" id="bch-marks">)[\s\S]*?(<\/script>)/, `$1${marksJson(marks)}$2`),
    );
    expect(readMarks(saved)).toEqual(marks);
    const again = buildReport({ grades: [sampleResults()], audience: 'interviewer', marks: readMarks(saved) });
    expect(again).toContain('<option value="good" selected>good</option>');
    expect(again).toContain('clear modules &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(again).toContain('ask about the TTL</textarea>');
    expect(again).toContain('<span class="score">30/100</span>');
  });

  test('a bad rubric or a page without marks is a usage error that says what to pass', () => {
    expect(() => readRubric(file('bad.yaml', 'scale: [only]\ncriteria: []\n'))).toThrow(/BCH_REPORT_BAD_RUBRIC|is not a rubric: scale/);
    expect(() => readMarks(file('plain.html', '<html><body>no marks</body></html>'))).toThrow('holds no marks');
  });
});
