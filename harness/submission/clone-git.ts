// Fetches a git submission with the system's git: a clone into the grade's folder, then a detached checkout of
// the ref. Hooks, prompts and other transports than file/https/ssh/git are off; an unreachable host is the
// environment's failure (exit 3), a missing repository or ref the submission's.
import { execFile } from 'node:child_process';
import { EnvironmentError } from '../errors.ts';
import { SubmissionRejected } from './submission-rejected.ts';

const timeoutMs = 2 * 60 * 1000;
const networkProblem =
  /could not resolve|name or service not known|connection refused|timed out|network is unreachable|no route to host|ssl|certificate|tls|proxy|temporary failure in name resolution|early eof|the remote end hung up/i;
const missing = /repository not found|not found|does not appear to be a git repository|does not exist|not a git repository/i;

/** Clones `url` into `dest` and checks out `ref` (default branch when none); returns the commit graded. */
export async function cloneGit(url: string, dest: string, ref?: string): Promise<string> {
  const clone = await git(['clone', '--quiet', '--no-checkout', '--', url, dest]);
  if (!clone.ok) {
    if (missing.test(clone.output) && !networkProblem.test(clone.output)) {
      throw new SubmissionRejected(
        'BCH_SUBMISSION_GIT_NOT_FOUND',
        `git could not find the repository ${url}: ${gitReason(clone.output)}. Check the URL and that this machine may read it.`,
      );
    }
    throw new EnvironmentError(
      'BCH_GIT_UNREACHABLE',
      `git could not fetch ${url}: ${gitReason(clone.output)}. Check the network, proxy and credentials of this machine, then grade again.`,
    );
  }
  const target = ref ?? 'HEAD';
  const resolved = await git(['-C', dest, 'rev-parse', '--verify', '--quiet', `${target}^{commit}`]);
  const remoteBranch = resolved.ok ? resolved : await git(['-C', dest, 'rev-parse', '--verify', '--quiet', `origin/${target}^{commit}`]);
  if (!remoteBranch.ok) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_GIT_REF',
      ref
        ? `the repository ${url} has no branch, tag or commit "${ref}". Check the #ref.`
        : `the repository ${url} has no commit on its default branch. Push your work, then send the URL again.`,
    );
  }
  const commit = remoteBranch.output.trim();
  const checkout = await git(['-C', dest, '-c', 'core.symlinks=true', 'checkout', '--quiet', '--detach', commit]);
  if (!checkout.ok)
    throw new EnvironmentError('BCH_GIT_CHECKOUT_FAILED', `git could not check out ${commit} of ${url}: ${gitReason(checkout.output)}`);
  return commit;
}

/** Runs git without hooks, prompts or the ext:: transport; never throws. */
function git(args: string[]): Promise<{ ok: boolean; output: string }> {
  const safety = [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'protocol.ext.allow=never',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'advice.detachedHead=false',
  ];
  return new Promise((resolve) => {
    execFile(
      'git',
      [...safety, ...args],
      {
        timeout: timeoutMs,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_ASKPASS: 'true',
          GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes -o ConnectTimeout=20',
        },
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve({ ok: false, output: 'git is not installed on this machine (install git to grade git submissions)' });
          return;
        }
        resolve({ ok: !error, output: error?.killed ? `timed out after ${timeoutMs / 1000} s` : `${stdout}${stderr}` });
      },
    );
  });
}

/** git's reason: its first `fatal:`/`error:` line, else its last line. */
const gitReason = (text: string) => {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.at(-1) ?? 'no output').replace(/^(fatal|error):\s*/, '');
};
