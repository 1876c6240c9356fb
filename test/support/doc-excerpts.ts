// The code excerpts of a Markdown document that name their source: a fenced block right after a line that ends with ":"
// and names a repository file in `code` (the first such name is the source). Every line of such a block must be a line
// of that file, so an excerpt cannot drift from the code it shows.

/** One excerpt: the file it names, its lines, and the document line its block starts on. */
export interface DocExcerpt {
  source: string;
  lines: string[];
  line: number;
}

/** The excerpts of `markdown` whose lead-in line names a file that `isFile` accepts. */
export function namedExcerpts(markdown: string, isFile: (path: string) => boolean): DocExcerpt[] {
  const lines = markdown.split('\n');
  const excerpts: DocExcerpt[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^\s*```/.test(lines[end])) end++;
    const leadIn = i > 0 && lines[i - 1].trimEnd().endsWith(':') ? lines[i - 1] : '';
    const source = [...leadIn.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]).find(isFile);
    if (source !== undefined) excerpts.push({ source, lines: lines.slice(i + 1, end), line: i + 1 });
    i = end;
  }
  return excerpts;
}
