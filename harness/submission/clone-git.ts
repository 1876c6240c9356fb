// Fetches a git submission with the system's git (run-git.ts: https, ssh and file only, no hooks or prompts, a time
// limit): a clone into the grade's folder, then a detached checkout of the ref. A URL bch or git refuses, a missing
// repository or ref, and a tree git cannot check out are the submission's failure; only an allowed remote that
// cannot be reached is the environment's (exit 3). Judged from git's own lines, never from what the remote printed.
import { EnvironmentError } from '../errors.ts';
import { checkGitUrl } from './check-git-url.ts';
import { runGit } from './run-git.ts';
import { SubmissionRejected } from './submission-rejected.ts';

const networkProblem =
  /could not resolve|name or service not known|connection refused|timed out|network is unreachable|no route to host|ssl|certificate|tls|proxy|temporary failure in name resolution|early eof|the remote end hung up/i;
const missing = /repository not found|not found|does not appear to be a git repository|does not exist|not a git repository/i;
const protocolRefused = /transport '([^']*)' not allowed/;
const optionLike = /strange (hostname|pathname|username) .* blocked/i;

/** Clones `url` into `dest` and checks out `ref` (default branch when none); returns the commit graded. */
export async function cloneGit(url: string, dest: string, ref?: string): Promise<string> {
  checkGitUrl(url);
  const clone = await runGit(['clone', '--quiet', '--no-checkout', '--no-local', '--', url, dest]);
  if (!clone.ok) {
    const own = gitLines(clone.output);
    const transport = protocolRefused.exec(own)?.[1];
    if (transport !== undefined)
      throw new SubmissionRejected(
        'BCH_GIT_PROTOCOL_REFUSED',
        `git refused to fetch ${url} over the ${transport} transport (bch allows https, ssh and file). Send an https or ssh URL.`,
      );
    if (optionLike.test(own))
      throw new SubmissionRejected(
        'BCH_GIT_URL_REFUSED',
        `git refused the URL ${url}: ${gitReason(own)}. Send the repository's plain URL.`,
      );
    if (!clone.timedOut && missing.test(own) && !networkProblem.test(own)) {
      throw new SubmissionRejected(
        'BCH_SUBMISSION_GIT_NOT_FOUND',
        `git could not find the repository ${url}: ${gitReason(own)}. Check the URL and that this machine may read it.`,
      );
    }
    throw new EnvironmentError(
      'BCH_GIT_UNREACHABLE',
      `git could not fetch ${url}: ${gitReason(own)}. Check the network, proxy and credentials of this machine, then grade again.`,
    );
  }
  const target = ref ?? 'HEAD';
  const resolved = await runGit(['-C', dest, 'rev-parse', '--verify', '--quiet', `${target}^{commit}`]);
  const remoteBranch = resolved.ok ? resolved : await runGit(['-C', dest, 'rev-parse', '--verify', '--quiet', `origin/${target}^{commit}`]);
  if (!remoteBranch.ok) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_GIT_REF',
      ref
        ? `the repository ${url} has no branch, tag or commit "${ref}". Check the #ref.`
        : `the repository ${url} has no commit on its default branch. Push your work, then send the URL again.`,
    );
  }
  const commit = remoteBranch.output.trim();
  const checkout = await runGit(['-C', dest, '-c', 'core.symlinks=true', 'checkout', '--quiet', '--detach', commit]);
  if (!checkout.ok) {
    // Names the file system cannot hold, or that git itself refuses, are the tree's; anything else (a full disk) is not.
    if (/file name too long/i.test(checkout.output))
      throw new SubmissionRejected(
        'BCH_SUBMISSION_NAME_TOO_LONG',
        `git could not check out ${commit} of ${url}: ${gitReason(checkout.output)}. Rename the file.`,
      );
    if (/invalid path|beyond a symbolic link/i.test(checkout.output))
      throw new SubmissionRejected(
        'BCH_SUBMISSION_BAD_NAME',
        `git refused to check out ${commit} of ${url}: ${gitReason(checkout.output)}. Rename or remove that path.`,
      );
    throw new EnvironmentError('BCH_GIT_CHECKOUT_FAILED', `git could not check out ${commit} of ${url}: ${gitReason(checkout.output)}`);
  }
  return commit;
}

/** git's own lines: what the remote printed (`remote: …`) left out. */
const gitLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => !/^remote:/.test(line))
    .join('\n');

/** git's reason: its first `fatal:`/`error:` line, else its last line. */
const gitReason = (text: string) => {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.at(-1) ?? 'no output').replace(/^(fatal|error):\s*/, '');
};
