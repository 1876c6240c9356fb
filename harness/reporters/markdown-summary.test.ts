import { describe, expect, test } from 'vitest';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { toMarkdownSummary } from './markdown-summary.ts';

describe('toMarkdownSummary', () => {
  test('heads with the challenge, the score and the status word', () => {
    const md = toMarkdownSummary(sampleGrade({ status: 'fail' }));
    expect(md.split('\n')[0]).toBe('### LRU cache (`lru-cache`): 30/100 FAIL');
    expect(md).toContain('Submission `submissions/alice`, hidden suite, min score 70%: not met, 12.3 s');
    expect(md).not.toContain('environment broke');
  });

  test('has one table row per check', () => {
    const rows = toMarkdownSummary(sampleGrade())
      .split('\n')
      .filter((line) => line.startsWith('|'));
    expect(rows).toEqual([
      '| Check | Category | Result | Points | Time |',
      '| --- | --- | --- | ---: | ---: |',
      '| `lru-recency-get` get() refreshes recency | correctness | passed | 30/30 | 120 ms |',
      '| `lru-evict` evicts the least recently used key | correctness | FAILED | 0/20 | 340 ms |',
      '| `ttl-expiry` entries expire after their TTL | resilience | TIMED OUT | 0/10 | 30.0 s |',
      '| `redis-outage` survives a Redis restart | resilience | ERROR | 0/10 | 15 ms |',
      '| `throughput` serves 5000 rps with a low p99 | performance | FAILED | 0/30 | 10.2 s |',
    ]);
  });

  test('lists what failed with messages, escaped, and the load rules beside the measured figures', () => {
    const md = toMarkdownSummary(sampleGrade());
    const whatFailed = md.slice(md.indexOf('#### What failed'));
    expect(whatFailed).toContain(
      '- **`lru-evict`** evicts the least recently used key (FAILED): expected &lt;b&gt; &amp; "c" to be evicted\n  but "a" was',
    );
    expect(whatFailed).toContain('- **`ttl-expiry`** entries expire after their TTL (TIMED OUT): timed out: the check exceeded 30 seconds');
    expect(whatFailed).toContain('  - `p99 < 100ms` — measured 12.3 ms ok');
    expect(whatFailed).toContain('  - `errors == 0` — measured 3 FAILED');
    expect(whatFailed).not.toContain('lru-recency-get');
  });

  test('says plainly that an errored grade must not be trusted', () => {
    const md = toMarkdownSummary(sampleGrade({ message: 'Redis went away\nmid-run' }));
    expect(md).toContain(
      '> **The environment broke** (a harness or service error, not the submission): this score must not be trusted.\n> Redis went away\n> mid-run',
    );
  });

  test('keeps a pipe in a title inside its cell', () => {
    const grade = sampleGrade();
    grade.checks[0].title = 'a | b';
    expect(toMarkdownSummary(grade)).toContain('| `lru-recency-get` a \\| b | correctness |');
  });

  test('strips escape sequences and raw control bytes from candidate text, and keeps it quoted', () => {
    const fake = '### LRU cache (`lru-cache`): 100/100 PASS';
    const grade = sampleGrade();
    const md = toMarkdownSummary(
      sampleGrade({
        message: `died\u001b[2J\r\n${fake}\u001b`,
        checks: grade.checks.map((c) =>
          c.state === 'failed' ? { ...c, message: `boom\u001b]8;;http://x\u001b\\y\u0007\u0000\n${fake}` } : c,
        ),
      }),
    );
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(md.split('\n').filter((line) => line.startsWith('###') && !line.startsWith('####'))).toEqual([md.split('\n')[0]]);
    for (const line of md.split('\n').filter((l) => l.includes('100/100 PASS'))) expect(line).toMatch(/^(> | {2})\\#/);
    expect(md).toContain('> \\#\\#\\# LRU cache');
  });
});
