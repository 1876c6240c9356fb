import { describe, expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../challenge-spec/load-challenge.ts';
import { candidateReport } from './candidate-report.ts';
import { debriefGuide } from './debrief-guide.ts';
import { sampleResults } from './fixtures/sample-results.ts';

describe('debriefGuide', () => {
  test('strengths, lost checks, and the questions worded for each result, in manifest order; errored checks unjudged', () => {
    const candidate = candidateReport(sampleResults({ status: 'fail' }), 0);
    const manifest = { ...loadChallenge('lru-cache').manifest };
    manifest.checks = [
      { ...manifest.checks[0], id: 'throughput', debrief: ['Same question whatever the result?'] },
      { ...manifest.checks[0], id: 'redis-outage', debrief: ['Never asked: the check errored?'] },
      { ...manifest.checks[0], id: 'lru-evict', debrief: { passed: ['Asked when passed?'], failed: ['Asked when failed?'] } },
      { ...manifest.checks[0], id: 'lru-recency-get', debrief: { passed: ['Asked when passed?'], failed: ['Asked when failed?'] } },
    ];
    const guide = debriefGuide(candidate, manifest);
    expect(guide.strengths).toEqual(['correctness: get() refreshes recency']);
    expect(guide.lost.map((l) => [l.title, l.outcome, l.lostPoints])).toEqual([
      ['evicts the least recently used key', 'failed', 20],
      ['entries expire after their TTL', 'timeout', 10],
      ['serves 5000 rps with a low p99', 'failed', 30],
    ]);
    expect(guide.questions).toEqual([
      { title: 'serves 5000 rps with a low p99', result: 'failed', questions: ['Same question whatever the result?'] },
      { title: 'evicts the least recently used key', result: 'failed', questions: ['Asked when failed?'] },
      { title: 'get() refreshes recency', result: 'passed', questions: ['Asked when passed?'] },
    ]);
    expect(guide.unjudged).toEqual(['survives a Redis restart']);
  });

  test("the lost checks' questions come first, each group in manifest order", () => {
    const candidate = candidateReport(sampleResults({ status: 'fail' }), 0);
    const manifest = { ...loadChallenge('lru-cache').manifest };
    manifest.checks = [
      { ...manifest.checks[0], id: 'lru-recency-get', debrief: ['About recency?'] },
      { ...manifest.checks[0], id: 'lru-evict', debrief: ['About eviction?'] },
    ];
    expect(debriefGuide(candidate, manifest).questions.map((q) => q.result)).toEqual(['failed', 'passed']);
  });

  test('a service that never started: its checks that could not run get no questions, and the guide says why they are held back', () => {
    const grade = sampleResults({ status: 'fail' });
    grade.code = 'BCH_SERVICE_DID_NOT_START';
    grade.tests[1].code = 'BCH_SERVICE_DID_NOT_START';
    const candidate = candidateReport(grade, 0);
    const manifest = { ...loadChallenge('lru-cache').manifest };
    manifest.checks = [
      { ...manifest.checks[0], id: 'lru-recency-get', debrief: ['About recency?'] },
      { ...manifest.checks[0], id: 'lru-evict', debrief: ['About eviction?'] },
    ];
    const guide = debriefGuide(candidate, manifest);
    expect(guide.questions.map((q) => q.questions[0])).toEqual(['About recency?']);
    expect(guide.heldBack).toContain('The service never started');
  });

  test('a category at full marks is one strength', () => {
    const candidate = candidateReport(sampleResults(), 0);
    candidate.subtotals[0] = { category: 'correctness', score: 50, max: 50 };
    expect(debriefGuide(candidate, loadChallenge('lru-cache').manifest).strengths).toEqual(['correctness: every check (50/50 points)']);
  });

  test.each(listChallengeIds())('every check of %s has debrief questions', (id) => {
    const missing = loadChallenge(id)
      .manifest.checks.filter((check) => !check.debrief)
      .map((check) => check.id);
    expect(missing).toEqual([]);
  });
});
