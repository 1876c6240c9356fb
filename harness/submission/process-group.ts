// Process-group signalling and the TypeScript loader every candidate process is started with.

/** tsx, resolved from the harness, so a candidate's TypeScript runs whatever its own dependencies are. */
export const tsxLoader = import.meta.resolve('tsx');

/** Sends a signal to a process group, ignoring one that is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
