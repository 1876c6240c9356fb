import { describe, expect, test } from 'vitest';
import { describeTimeline } from './describe-timeline.ts';

describe('describeTimeline', () => {
  test("a git history: its commits and span, as the repository's own dates", () => {
    expect(
      describeTimeline({
        source: 'git',
        first_commit: '2026-12-01T10:02:00.000Z',
        last_commit: '2026-12-01T13:32:00.000Z',
        commits: 14,
        more_commits: false,
      }),
    ).toBe("14 commits, 2026-12-01 10:02 UTC to 2026-12-01 13:32 UTC (3.5 h): the repository's own dates, not proof of time spent");
  });

  test("an archive's file dates are its own claim", () => {
    expect(describeTimeline({ source: 'archive', earliest_file: '2026-12-01T10:00:00Z', latest_file: '2026-12-01T10:40:00Z' })).toBe(
      "files dated 2026-12-01 10:00 UTC to 2026-12-01 10:40 UTC (40 min): the archive's own claim, not proof of time spent",
    );
  });
});
