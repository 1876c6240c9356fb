// Calls back once per burst of changes in a folder tree (node_modules and .git ignored), with the first path changed.
import { watch } from 'node:fs';

export function watchFolder(dir: string, onChange: (file: string) => void, quietMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  let first: string | undefined;
  const watcher = watch(dir, { recursive: true }, (_event, file) => {
    const name = String(file ?? '');
    if (/(^|\/)(node_modules|\.git)(\/|$)/.test(name)) return;
    first ??= name;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = first!;
      first = undefined;
      onChange(changed);
    }, quietMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
