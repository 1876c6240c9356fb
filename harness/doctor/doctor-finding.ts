// What one doctor check found: a status, what it saw, and for a problem the exact command that fixes it.
export type FindingStatus = 'ok' | 'info' | 'warn' | 'fail';

export interface DoctorFinding {
  check: string;
  status: FindingStatus;
  detail: string;
  /** The command (or step) that fixes a `warn` or `fail`. */
  fix?: string;
}

export interface CommandResult {
  /** The exit code; -1 when the command could not be started (not installed). */
  code: number;
  stdout: string;
  stderr: string;
}

/** How the checks look at the machine; tests replace parts of it. */
export interface DoctorProbes {
  env: NodeJS.ProcessEnv;
  run(command: string, args: readonly string[], timeoutMs?: number): Promise<CommandResult>;
  /** The HTTP status a URL answers with, or undefined when it cannot be reached in time. */
  httpStatus(url: string, timeoutMs?: number): Promise<number | undefined>;
  portAnswers(port: number): Promise<boolean>;
  /** Free bytes on the file system holding `path` (or its nearest existing parent). */
  freeBytes(path: string): number;
  /** The user id bch runs as (root is 0): the grading sandbox needs root. */
  uid(): number | undefined;
}
