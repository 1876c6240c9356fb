// A submission's timeline in words, for the interviewer: how many commits over which span, or the span of its files'
// dates, always with whose record it is (the candidate's: anyone can set these dates).
import type { GradeResults } from '../reporters/json-report-schema.ts';

export function describeTimeline(timeline: NonNullable<GradeResults['timeline']>): string {
  const when = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '?');
  const span = (from?: string, to?: string) => `${when(from)} to ${when(to)}${from && to ? ` (${hours(from, to)})` : ''}`;
  if (timeline.source === 'git') {
    const count = `${timeline.commits ?? '?'}${timeline.more_commits ? '+' : ''} commit${timeline.commits === 1 ? '' : 's'}`;
    return `${count}, ${span(timeline.first_commit, timeline.last_commit)}: the repository's own dates, not proof of time spent`;
  }
  return `files dated ${span(timeline.earliest_file, timeline.latest_file)}: the ${timeline.source}'s own claim, not proof of time spent`;
}

function hours(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return '?';
  const h = ms / 3_600_000;
  return h < 1 ? `${Math.round(ms / 60_000)} min` : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}
