import { describe, expect, test } from 'vitest';
import type { GradeResult } from '../grading/grade-result.ts';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { sampleManifest } from './fixtures/sample-manifest.ts';
import { TerminalReporter } from './terminal-reporter.ts';

/** Plays a whole run of the given grades through a colourless reporter and returns what it printed. */
function play(grades: GradeResult[], suite: 'hidden' | 'public' = 'hidden'): string {
  let text = '';
  const reporter = new TerminalReporter({ write: (s: string) => (text += s) }, { color: false });
  reporter.onRunStart({ challenge: sampleManifest(), submissions: grades.map((g) => g.submission), suite });
  reporter.onPhase({ submission: '', phase: 'services', state: 'start' });
  reporter.onPhase({ submission: '', phase: 'services', state: 'end', durationMs: 2100, detail: 'containers: redis' });
  for (const grade of grades) {
    reporter.onPhase({ submission: grade.submission, phase: 'prepare', state: 'start' });
    reporter.onPhase({ submission: grade.submission, phase: 'prepare', state: 'end', durationMs: 850, detail: 'dependencies cached' });
    for (const check of grade.checks) reporter.onCheckResult(grade.submission, check);
    reporter.onGradeEnd(grade);
  }
  reporter.onRunEnd({ grades, servicesMs: 2100, durationMs: 15_000 });
  return text;
}

describe('TerminalReporter', () => {
  test('a public test is named once by its title, without points: it scores none', () => {
    const title = 'service: GET /products/:id returns the upstream product';
    const check = { id: title, title, category: 'correctness' as const, weight: 1, score: 1, state: 'passed' as const, durationMs: 704 };
    const lines = play([sampleGrade({ suite: 'public', checks: [check], score: 1, maxScore: 1 })], 'public').split('\n');
    expect(lines).toContain(`  ✓ ${title}   704 ms`);
    expect(lines.filter((line) => line.includes(title)).every((line) => line.split(title).length === 2 && !line.includes('1/1'))).toBe(
      true,
    );
  });

  test('prints the run start, one line per phase end and per check, aligned', () => {
    const lines = play([sampleGrade()]).split('\n');
    expect(lines[0]).toBe('bch: LRU cache (lru-cache): grading 1 submission, hidden suite');
    expect(lines).toContain('  ✓ services      2.1 s  containers: redis');
    expect(lines).toContain('Submission submissions/alice');
    expect(lines).toContain('  ✓ prepare      850 ms  dependencies cached');
    expect(lines).toContain('  ✓ lru-recency-get   get() refreshes recency              30/30   120 ms');
    expect(lines).toContain('  ✗ lru-evict         evicts the least recently used key    0/20   340 ms');
    expect(lines).toContain('  ⏱ ttl-expiry        entries expire after their TTL        0/10   30.0 s');
    expect(lines).toContain('  ! redis-outage      survives a Redis restart              0/10   15 ms');
    expect(lines).toContain(
      '      rps 8123  requests 81234  p50 1.2 ms  p90 4.5 ms  p99 12.3 ms  max 48 ms  errors 3  non2xx 0  hit_ratio 0.92',
    );
    expect(lines.filter((line) => line.includes('Submission submissions/alice'))).toHaveLength(1);
  });

  test('prints the score table, the total against the minimum and what failed', () => {
    const text = play([sampleGrade()]);
    expect(text).toMatch(/│ Check\s+│ Category\s+│ Result\s+│ Points │/);
    expect(text).toMatch(/│ lru-evict\s+│ correctness │ ✗ FAILED\s+│\s+0\/20 │/);
    expect(text).toContain('Score: 30/100 (min 70%: not met)');
    expect(text).toContain(
      'What failed\n  ✗ lru-evict  evicts the least recently used key  (FAILED)\n      expected <b> & "c" to be evicted\n      but "a" was\n',
    );
    expect(text).toContain('      errors == 0 — measured 3 FAILED');
    expect(text).toContain('      output (last 15 lines):\n      | log line 27: cache state dump');
    expect(text).toContain('      | FINAL LINE\n');
    expect(text).not.toContain('log line 26:');
    expect(text).not.toContain('\x1b');
  });

  test('says that an errored grade must not be trusted, and not otherwise', () => {
    expect(play([sampleGrade()])).toContain(
      '! The environment broke (a harness or service error, not the submission): this score must not be trusted.',
    );
    const passing = sampleGrade({ status: 'pass', score: 100, meetsMinScore: true, checks: sampleGrade().checks.slice(0, 1) });
    const text = play([passing]);
    expect(text).not.toContain('environment broke');
    expect(text).not.toContain('What failed');
    expect(text).toContain('Score: 100/100 (min 70%: met)');
  });

  test('blames a broken challenge, not the environment, when the grade errored because of the challenge', () => {
    const text = play([sampleGrade({ errorKind: 'challenge' })]);
    expect(text).toContain('! The challenge is broken (its tests or manifest, not the submission): this score must not be trusted.');
    expect(text).not.toContain('environment broke');
  });

  test('public tests: counts passed tests instead of a score against a minimum', () => {
    const text = play([sampleGrade({ suite: 'public', status: 'fail' })]);
    expect(text).toContain(`Public tests: 1/${sampleGrade().checks.length} passed`);
    expect(text).not.toContain('min 70');
  });

  test('with several submissions, heads each and lists every grade at the end', () => {
    const text = play([sampleGrade(), sampleGrade({ submission: 'submissions/bob', status: 'fail' })]);
    expect(text).toContain('grading 2 submissions');
    expect(text).toContain('\nSubmission submissions/bob\n');
    expect(text).toContain('Grades\n  submissions/alice   30/100  ERROR\n  submissions/bob     30/100  FAIL\n');
    expect(text).toContain('Done in 15.0 s (services 2.1 s).');
  });

  test('uses colours only when asked', () => {
    let text = '';
    new TerminalReporter({ write: (s: string) => (text += s) }, { color: true }).onCheckResult('s', sampleGrade().checks[1]);
    expect(text).toContain('\x1b[31m✗\x1b[39m');
  });

  test('candidate text cannot clear the screen or pass for a line bch printed', () => {
    const fake = 'Score: 100/100 (min 70%: met)';
    const grade = sampleGrade();
    const hostile = sampleGrade({
      message: `service crashed\u001b[2J\u001b[H\n${fake}`,
      checks: grade.checks.map((c) =>
        c.state === 'failed'
          ? { ...c, message: `boom\u001b]0;pwned\u0007\r${fake}`, output: `log\u001b[1A\u001b[2K\r${fake}\n\u001bc` }
          : c,
      ),
    });
    const text = play([hostile]);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const fakeLines = text.split('\n').filter((line) => line.includes(fake));
    expect(fakeLines.length).toBeGreaterThan(0);
    for (const line of fakeLines) expect(line, 'candidate text stays indented or quoted').toMatch(/^ {2,}(\| )?Score/);
    expect(text.split('\n').filter((line) => line.startsWith('Score:'))).toEqual(['Score: 30/100 (min 70%: not met)']);
  });
});
