// The code beside its grade (interviewer copy): the submission's files, each marked as added, changed or as the
// starter had it, and its diff against the starter; and, for a check it lost, the files its evidence points to
// (a stack or a compile error naming `src/app.ts:42`). Bounded: a report stays a page, not a repository.
import { createTwoFilesPatch } from 'diff';
import type { SourceFile } from '../similarity/source-files.ts';

export interface CodeFile {
  path: string;
  lines: number;
  state: 'added' | 'changed' | 'as in the starter';
  /** The file, cut at 64 KiB. */
  content: string;
}

export interface CodeView {
  files: CodeFile[];
  /** Unified diff of every added or changed file against the starter, cut at 256 KiB. */
  diff: string;
}

const fileCap = 64 * 1024;
const diffCap = 256 * 1024;

export function codeView(files: readonly SourceFile[], starter: readonly SourceFile[]): CodeView {
  const before = new Map(starter.map((file) => [file.path, file.content]));
  const view: CodeFile[] = files.map((file) => ({
    path: file.path,
    lines: file.content.split('\n').length - (file.content.endsWith('\n') ? 1 : 0),
    state: !before.has(file.path) ? 'added' : before.get(file.path) === file.content ? 'as in the starter' : 'changed',
    content: cap(file.content, fileCap),
  }));
  let diff = '';
  for (const file of files) {
    const old = before.get(file.path);
    if (old === file.content) continue;
    diff += createTwoFilesPatch(
      old === undefined ? '/dev/null' : `starter/${file.path}`,
      `submission/${file.path}`,
      old ?? '',
      file.content,
      '',
      '',
      { context: 3 },
    );
    if (diff.length > diffCap) break;
  }
  return { files: view, diff: cap(diff, diffCap) };
}

/** The files of the submission a check's message and output name, with their line: at most three. */
export function pointedFiles(evidence: string, files: readonly Pick<SourceFile, 'path'>[]): string[] {
  const found = new Set<string>();
  for (const match of evidence.matchAll(/([\w@./-]+\.(?:[cm]?[jt]sx?|sql)):(\d+)/g)) {
    const named = match[1].replace(/^\.\//, '');
    const file = files.find((f) => f.path === named || f.path.endsWith(`/${named}`) || named.endsWith(`/${f.path}`));
    if (file) found.add(`${file.path}:${match[2]}`);
    if (found.size === 3) break;
  }
  return [...found];
}

function cap(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}\n… (cut at ${limit / 1024} KiB)` : text;
}
