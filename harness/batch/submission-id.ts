// A short, file-safe, unique name per submission of a batch, from what the user passed (its folder name in --out).

/** "candidates/alice.tgz" → "alice", "https://host/bob/repo.git#v2" → "repo@v2"; duplicates get -2, -3 … */
export function submissionIds(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const hash = label.lastIndexOf('#');
    const [location, ref] = hash > 0 ? [label.slice(0, hash), label.slice(hash + 1)] : [label, ''];
    const base = location
      .replace(/[\\/]+$/, '')
      .split(/[\\/:]/)
      .at(-1)!
      .replace(/\.(tar\.gz|tgz|tar|zip|git)$/i, '');
    const id = `${base}${ref ? `@${ref}` : ''}`.replace(/[^\w.@-]/g, '_').replace(/^\.+/, '_') || 'submission';
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  });
}
