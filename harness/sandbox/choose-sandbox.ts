// Which sandbox a run uses: bubblewrap wherever it can run; never a silent fallback to none for a grade.
import { EnvironmentError } from '../errors.ts';
import { detectSandbox, type SandboxAvailability } from './detect-sandbox.ts';
import type { SandboxChoice, SandboxMechanism } from './sandbox-plan.ts';
import type { Suite } from '../suite.ts';

export interface SandboxDecision {
  mechanism: SandboxMechanism;
  /** A line for the user when the choice needs saying (e.g. `bch test` runs unsandboxed). */
  note?: string;
}

/** Resolves --sandbox for a run: hidden grades refuse to run unsandboxed unless told to; public tests run unsandboxed. */
export function chooseSandbox(
  choice: SandboxChoice,
  suite: Suite,
  availability: () => SandboxAvailability = detectSandbox,
): SandboxDecision {
  if (choice === 'none') {
    return {
      mechanism: 'none',
      note:
        suite === 'hidden'
          ? "UNSANDBOXED (--sandbox none): candidate code runs with your user's rights and can read and change anything you can."
          : undefined,
    };
  }
  if (choice === 'auto' && suite === 'public') {
    return { mechanism: 'none', note: 'Your code runs unsandboxed on your machine (`bch grade` runs it sandboxed).' };
  }
  const found = availability();
  if (found.available) return { mechanism: 'bwrap' };
  throw new EnvironmentError(
    'BCH_NO_SANDBOX',
    `No sandbox can run here: ${found.reason}. Fix: ${found.fix}. Or pass --sandbox none to grade without one (candidate code then runs with your rights; every report says so).`,
  );
}
