// What the user passed as a submission: a folder, an archive, or a git repository (URL or path) with an
// optional `#ref`. Parsed once at the edge; a local path that does not exist is a usage error (exit 2).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

export type SubmissionSource =
  | { form: 'folder'; path: string }
  | { form: 'archive'; path: string; format: 'tar' | 'zip' }
  | { form: 'git'; url: string; ref?: string };

const archiveFormats: [RegExp, 'tar' | 'zip'][] = [
  [/\.(tar\.gz|tgz|tar)$/i, 'tar'],
  [/\.zip$/i, 'zip'],
];
/**
 * A git URL rather than a local path: a scheme's `//`, ssh's short form, npm's `git+` prefix, a remote helper's
 * `<name>::`, or a leading `-`. Those bch does not fetch (http, git, ext::, fd:: …) are still git sources, so
 * that each is that submission's rejection (check-git-url.ts), not a usage error that stops the batch.
 */
const remoteGit = /^([a-z][\w+.-]*:\/\/|git\+|[\w.-]+@[\w.-]+:|[a-z][\w+.-]*::|-)/i;

/** True for a bare repository or a working tree's .git folder. */
const isGitDir = (path: string) => existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects')) && existsSync(join(path, 'refs'));

/** Classifies one submission argument; throws UsageError when it names nothing that can be graded. */
export function parseSubmissionSource(argument: string, cwd = process.cwd()): SubmissionSource {
  const hash = argument.lastIndexOf('#');
  const [location, ref] = hash > 0 ? [argument.slice(0, hash), argument.slice(hash + 1) || undefined] : [argument, undefined];
  if (ref !== undefined && (!/^[\w./@^~{}-]+$/.test(ref) || ref.startsWith('-'))) {
    throw new UsageError(
      'BCH_BAD_GIT_REF',
      `"${ref}" in "${argument}" is not a git ref (a branch, tag or commit such as #main, #v1 or #3f2a9c1).`,
    );
  }
  if (remoteGit.test(location)) return { form: 'git', url: location.replace(/^git\+/, ''), ref };
  const path = resolve(cwd, location);
  if (!existsSync(path)) {
    throw new UsageError(
      'BCH_SUBMISSION_NOT_FOUND',
      `The submission "${argument}" does not exist. Pass a folder, a .tar.gz/.tgz/.zip archive, or a git repository (URL or path, with an optional #ref).`,
    );
  }
  if (statSync(path).isDirectory()) {
    if (isGitDir(path) || ref !== undefined) return { form: 'git', url: path, ref };
    return { form: 'folder', path };
  }
  const format = archiveFormats.find(([pattern]) => pattern.test(path))?.[1];
  if (!format) {
    throw new UsageError(
      'BCH_SUBMISSION_UNKNOWN_FORM',
      `The submission "${argument}" is a file but not a .tar.gz, .tgz, .tar or .zip archive. Pass a folder, an archive, or a git repository.`,
    );
  }
  return { form: 'archive', path, format };
}

/** How a source is named in reports. */
export function describeSource(source: SubmissionSource): string {
  if (source.form === 'git') return `git ${source.url}${source.ref ? `#${source.ref}` : ''}`;
  return `${source.form} ${source.path}`;
}
