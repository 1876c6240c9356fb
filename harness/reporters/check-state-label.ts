// The word a report shows for a check's state; anything but a pass is in capitals so it stands out in plain text.
import type { CheckState } from '../grading/grade-result.ts';

const labels: Record<CheckState, string> = { passed: 'passed', failed: 'FAILED', timeout: 'TIMED OUT', error: 'ERROR' };

/** Returns the plain-text label of a check state. */
export function checkStateLabel(state: CheckState): string {
  return labels[state];
}
