// The system's git, run on a submission's URL: only the https, ssh and file transports (GIT_ALLOW_PROTOCOL, which
// overrides any configuration, and protocol.allow as defence in depth), so no ext::, fd:: or other remote helper;
// no hooks, fsmonitor or terminal prompts; no input; a time limit.
import { spawn } from 'node:child_process';
import { OutputTail } from '../process/output-tail.ts';

export const allowedGitProtocols = ['https', 'ssh', 'file'] as const;
export const gitTimeoutMs = 2 * 60 * 1000;

export interface GitRun {
  ok: boolean;
  /** git's output (stdout then stderr, the last 64 KiB), or why it did not run. */
  output: string;
  timedOut: boolean;
}

/** The -c settings every git run gets. */
const safety = [
  'protocol.allow=never',
  ...allowedGitProtocols.map((name) => `protocol.${name}.allow=always`),
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'advice.detachedHead=false',
].flatMap((setting) => ['-c', setting]);

/** Runs git with `args`; never throws. */
export function runGit(args: string[], timeoutMs = gitTimeoutMs, env: NodeJS.ProcessEnv = process.env): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = spawn('git', [...safety, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        GIT_ALLOW_PROTOCOL: allowedGitProtocols.join(':'),
        GIT_PROTOCOL_FROM_USER: '0',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: 'true',
        SSH_ASKPASS: 'true',
        GIT_SSH_COMMAND: env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes -o ConnectTimeout=20',
      },
    });
    const out = new OutputTail();
    const err = new OutputTail();
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      // A process git started (a transport helper) may hold the output pipes open: the answer does not wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ ok: false, timedOut, output: `timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        ok: false,
        timedOut: false,
        output: error.code === 'ENOENT' ? 'git is not installed on this machine (install git to grade git submissions)' : error.message,
      });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        ok: code === 0 && !timedOut,
        timedOut,
        output: timedOut ? `timed out after ${timeoutMs / 1000} s` : `${out.text()}${err.text()}`,
      });
    });
  });
}
