import { describe, expect, test } from 'vitest';
import { coverageSummary, requirementCoverage, requirementsInStatement } from './requirement-coverage.ts';

const statement = [
  '`has(key)` changes neither recency nor stats. <!-- req: has-no-recency -->',
  'Every operation is O(1).<!--req:constant-time-->',
  'Log what you like. <!-- req: logs -->',
].join('\n');

function check(id: string, requirements: string[]) {
  return { id, title: id, category: 'correctness' as const, weight: 1, timeoutMs: 1000, timing: 'none' as const, requirements };
}

describe('requirementsInStatement', () => {
  test('reads the ids of the markers in order', () => {
    expect(requirementsInStatement(statement)).toEqual({ ids: ['has-no-recency', 'constant-time', 'logs'], problems: [] });
  });

  test('reports a marker placed after the last cell of a table row', () => {
    expect(requirementsInStatement('| a | b | <!-- req: x -->').problems).toEqual([
      'a marker after the last "|" of a table row is outside the table: put it inside the cell (| a | b | <!-- req: x -->…)',
    ]);
    expect(requirementsInStatement('| a | b <!-- req: x --> |').problems).toEqual([]);
  });

  test('reports a duplicate and a malformed id', () => {
    const { ids, problems } = requirementsInStatement('a <!-- req: x --> b <!-- req: x --> c <!-- req: Bad_Id -->');
    expect(ids).toEqual(['x']);
    expect(problems).toEqual([
      'the requirement "x" is marked twice in the statement: give each sentence its own id',
      'the marker "<!-- req: Bad_Id -->" has no valid id: use lower-case letters, digits and dashes',
    ]);
  });
});

describe('requirementCoverage', () => {
  test('is complete when every requirement is checked or untested with a reason', () => {
    const coverage = requirementCoverage(
      {
        checks: [check('a', ['has-no-recency']), check('b', ['constant-time', 'has-no-recency'])],
        untested: [{ id: 'logs', reason: 'not graded' }],
      },
      statement,
    );
    expect(coverage.problems).toEqual([]);
    expect(coverage.checkedBy.get('has-no-recency')).toEqual(['a', 'b']);
    expect(coverageSummary(coverage)).toBe('2 of 3 (1 untested)');
  });

  test('fails a requirement without a check', () => {
    const coverage = requirementCoverage({ checks: [check('a', ['has-no-recency', 'constant-time'])], untested: [] }, statement);
    expect(coverage.problems).toEqual([
      'the requirement "logs" has no check: add it to a check\'s requirements, or to untested with the reason',
    ]);
  });

  test('fails a check naming an unknown requirement, and a check naming none', () => {
    const coverage = requirementCoverage(
      { checks: [check('a', ['has-no-recency', 'constant-time', 'typo']), check('b', [])], untested: [{ id: 'logs', reason: 'r' }] },
      statement,
    );
    expect(coverage.problems).toEqual([
      'the check "a" names the requirement "typo", which the statement does not mark',
      'the check "b" names no requirement: list the ids of the statement\'s sentences it verifies',
    ]);
  });

  test('fails an untested entry that is unknown, duplicated or checked after all', () => {
    const coverage = requirementCoverage(
      {
        checks: [check('a', ['has-no-recency', 'constant-time'])],
        untested: [
          { id: 'logs', reason: 'r' },
          { id: 'logs', reason: 'r' },
          { id: 'gone', reason: 'r' },
          { id: 'constant-time', reason: 'r' },
        ],
      },
      statement,
    );
    expect(coverage.problems).toEqual([
      'the requirement "logs" is listed twice under untested',
      'the untested requirement "gone" is not marked in the statement',
      'the requirement "constant-time" is marked untested but the check "a" verifies it: remove it from untested',
    ]);
  });
});
