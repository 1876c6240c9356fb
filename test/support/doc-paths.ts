// The repository paths a Markdown document names (in `code`, code blocks and links), and those of them that match no
// file of the repository. A path is checked when its first folder is one of the repository's top-level entries or of
// harness/ (docs write `cli/main.ts` for harness/cli/main.ts); `<id>`, `<name>` and `*` match any one folder or name.
// A bare `x.ts` must be the name of some file. Other words (`src/server.ts` of a submission, `results/`) are not paths here.

/** A path a document names, and where: the line number in the document. */
export interface DocPath {
  path: string;
  line: number;
}

const pathWord = /^\.?[\w<>*][\w.<>*-]*(\/[\w.<>*-]+)*\/?$/;

/** The path-like words of a document: in inline code, in fenced code blocks, and as relative link targets. */
export function namedPaths(markdown: string): DocPath[] {
  const found: DocPath[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (/^\s*```/.test(text)) {
      inFence = !inFence;
      return;
    }
    const spans = inFence ? [text] : [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const links = inFence
      ? []
      : [...text.matchAll(/\]\(([^)\s]+)\)/g)]
          .map((match) => match[1].replace(/#.*$/, ''))
          .filter((target) => target && !/^[a-z]+:/.test(target));
    const words = [...spans.flatMap((span) => span.split(/[\s,;()[\]"'=:|]+/)), ...links];
    for (const raw of words) {
      const word = raw.replace(/[.,]+$/, '');
      if (!word.startsWith('..') && pathWord.test(word) && (word.includes('/') || /^[^.].*\.ts$/.test(word)))
        found.push({ path: word, line });
    }
  });
  return found;
}

/** A doc path as a regular expression over repository-relative file paths (a folder matches the files under it). */
function matcherOf(path: string): RegExp {
  const folder = path.endsWith('/');
  const body = path
    .replace(/\/$/, '')
    .split(/(<[^>]+>|\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.startsWith('<') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}${folder ? '/.+' : '(/.+)?'}$`);
}

/** The named paths that match no file of `files` (repository-relative, forward slashes), with the places they were tried. */
export function missingPaths(named: readonly DocPath[], files: readonly string[]): DocPath[] {
  const topLevel = new Set(files.map((file) => file.split('/')[0]));
  const harnessFolders = new Set(files.filter((file) => file.startsWith('harness/')).map((file) => file.split('/')[1]));
  const basenames = files.map((file) => file.slice(file.lastIndexOf('/') + 1));
  return named.filter(({ path }) => {
    if (!path.includes('/')) return !basenames.some((name) => matcherOf(path).test(name));
    const first = path.split('/')[0];
    const candidates = [topLevel.has(first) ? path : undefined, harnessFolders.has(first) ? `harness/${path}` : undefined].filter(
      (p) => p !== undefined,
    );
    if (candidates.length === 0) return false;
    return !candidates.some((candidate) => files.some((file) => matcherOf(candidate).test(file)));
  });
}
