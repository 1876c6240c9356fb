// Which git URLs are handed to git at all: https://, ssh:// and file:// URLs, ssh's short form (user@host:path)
// and local paths. A remote helper (ext::, fd::, any <name>::), another scheme (http://, git://) and anything git or
// ssh could read as an option (a host, user or path that starts with `-`) are refused before git runs: the
// submission's fault, with a code, never an unreachable host's.
import { allowedGitProtocols } from './run-git.ts';
import { printable, SubmissionRejected } from './submission-rejected.ts';

const helper = /^([A-Za-z][\w+.-]*)::/;
const scheme = /^([A-Za-z][\w+.-]*):\/\/([^/]*)/;
/** ssh's short form: [user@]host:path, the colon before any slash. */
const scpLike = /^(?:([^@/:]*)@)?([^/:]+):(.*)$/;

/** Throws SubmissionRejected (BCH_GIT_PROTOCOL_REFUSED or BCH_GIT_URL_REFUSED) for a URL bch does not give git. */
export function checkGitUrl(url: string): void {
  const shown = printable(url);
  const protocol = helper.exec(url)?.[1] ?? scheme.exec(url)?.[1];
  if (protocol !== undefined && !(allowedGitProtocols as readonly string[]).includes(protocol.toLowerCase())) {
    throw new SubmissionRejected(
      'BCH_GIT_PROTOCOL_REFUSED',
      `the git URL "${shown}" uses the ${protocol} transport; bch fetches only over ${allowedGitProtocols.join(', ')} (e.g. https://host/you/solution.git or git@host:you/solution.git).`,
    );
  }
  const refuse = (what: string) =>
    new SubmissionRejected(
      'BCH_GIT_URL_REFUSED',
      `the git URL "${shown}" ${what}, which git or ssh could take as an option. Send the repository's plain URL.`,
    );
  if (/[\u0000-\u001f\u007f]/.test(url))
    throw new SubmissionRejected(
      'BCH_GIT_URL_REFUSED',
      `the git URL "${shown}" holds a control character. Send the repository's plain URL.`,
    );
  if (url.startsWith('-')) throw refuse('starts with "-"');
  const authority = scheme.exec(url)?.[2];
  const parts = authority !== undefined ? authority.split('@') : protocol === undefined && !url.startsWith('/') ? scpParts(url) : [];
  const optionLike = parts.find((part) => part.startsWith('-'));
  if (optionLike !== undefined) throw refuse(`has a host, user or path that starts with "-" (${printable(optionLike)})`);
}

/** The user, host and path of ssh's short form, when the URL is one. */
function scpParts(url: string): string[] {
  const match = scpLike.exec(url);
  return match ? [match[1] ?? '', match[2], match[3]] : [];
}
