// One wording, for every report, of how a grade's candidate code was contained.
import type { GradeResult } from '../grading/grade-result.ts';
import { formatBytes } from '../sandbox/sandbox-plan.ts';

/** "sandboxed (bwrap: memory 1 GiB, 256 processes and threads, disk 1 GiB)", or the unsandboxed warning. */
export function sandboxNotice(result: GradeResult): { sandboxed: boolean; text: string } {
  const { mechanism, limits, enforced } = result.sandbox;
  if (mechanism === 'none') {
    const text =
      result.suite === 'public'
        ? 'unsandboxed: public tests run your code with your rights'
        : "UNSANDBOXED (--sandbox none): the candidate's code ran with the grader's rights and could have read the hidden tests or changed this result";
    return { sandboxed: false, text };
  }
  const parts = limits
    ? [
        `memory ${formatBytes(limits.memoryBytes)}${enforced?.memory === false ? ' (not enforced)' : ''}`,
        `${limits.tasks} processes and threads${enforced?.tasks === false ? ' (not enforced)' : ''}`,
        `disk ${formatBytes(limits.diskBytes)}${enforced?.disk === false ? ' (copy not limited)' : ''}`,
      ]
    : [];
  return { sandboxed: true, text: `sandboxed (${mechanism}${parts.length ? `: ${parts.join(', ')}` : ''})` };
}
