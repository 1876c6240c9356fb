// The marks the terminal puts before a check or phase: ✓ passed, ✗ failed, ⏱ timed out, ! error.
import type pc from 'picocolors';
import type { CheckState } from '../grading/grade-result.ts';

type Colors = ReturnType<typeof pc.createColors>;

/** Returns the coloured mark of a check state. */
export function terminalSymbol(state: CheckState, colors: Colors): string {
  switch (state) {
    case 'passed':
      return colors.green('✓');
    case 'failed':
      return colors.red('✗');
    case 'timeout':
      return colors.yellow('⏱');
    case 'error':
      return colors.magenta('!');
  }
}
