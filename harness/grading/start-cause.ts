// Why a service did not start, in one line: the first error its output names, and the file of the submission it
// points to (relative to the submission, never a path of the grading machine). Read from the output of the failed
// start, whose head holds the cause (a compile error, a missing module, a thrown error) and whose tail is often a
// long stack.

export interface StartCause {
  /** The error, e.g. `Expected identifier but found "."` or `Error: PORT is missing`. */
  line: string;
  /** Where in the submission, e.g. `src/app.ts:5:2`, when the output says. */
  file?: string;
}

const maxLine = 300;
/** esbuild's compile error: `<file>:<line>:<col>: ERROR: <text>`. */
const compileError = /^(?<file>[^\s:]+:\d+:\d+): ERROR: (?<text>.+)$/;
/** A thrown error's first line: `Error: …`, `TypeError [ERR_X]: …`, `SyntaxError: …`. */
const thrownError = /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)(?: \[[A-Z0-9_]+\])?: .+/;
/** A place in a file of the submission: a relative path with a line (and column). */
const place = /(?:^|[\s(])(?<file>(?!node:)(?![./]*node_modules\/)[\w@.-][\w@./-]*\.(?:[cm]?[jt]sx?|json):\d+(?::\d+)?)/;

/** The cause in `output` of a start that failed; `appDir` is the submission's folder as its processes saw it. */
export function startCause(output: string, appDir: string): StartCause | undefined {
  const lines = output
    .replaceAll(`file://${appDir}/`, '')
    .replaceAll(`${appDir}/`, '')
    .split('\n')
    .map((line) => line.trimEnd());
  for (const line of lines) {
    const match = compileError.exec(line.trim());
    if (match?.groups) return { line: clip(match.groups.text), file: match.groups.file };
  }
  const at = lines.findIndex((line) => thrownError.test(line.trim()));
  if (at === -1) return undefined;
  const file = fileNear(lines, at);
  return { line: clip(lines[at].trim()), ...(file ? { file } : {}) };
}

/** The submission's file an error points to: in its stack or require stack, else the line Node prints above it. */
function fileNear(lines: string[], at: number): string | undefined {
  for (const line of lines.slice(at, at + 40)) {
    const required = /^- (?<file>(?!\/)\S+)$/.exec(line.trim());
    if (required?.groups) return required.groups.file;
    const found = place.exec(line);
    if (found?.groups && !found.groups.file.startsWith('/')) return found.groups.file;
  }
  const above = lines.slice(0, at).find((line) => /^(?!node:)[^\s/][^\s]*\.(?:[cm]?[jt]sx?):\d+$/.test(line.trim()));
  return above?.trim();
}

function clip(line: string): string {
  return line.length > maxLine ? `${line.slice(0, maxLine)}…` : line;
}
