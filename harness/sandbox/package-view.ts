// What a sandbox sees of a node_modules folder: a view holding only the packages it may import, never the
// folder itself. The view is a tree of hard links (copies where the file system refuses a link) built once per
// content in a folder only this code writes, so caches that tools keep in node_modules (.vitest-cache, .vite,
// .cache), .bin and npm's .package-lock.json are not in it, nor anything written there after it was built.
// One bind mount of the view costs what one mount costs; binding each package would cost ~0.5 ms per package
// in every sandbox (bwrap re-reads the mount table per mount), which is several seconds per grade.
import { createHash, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const viewFormat = 'bch-view-1';
const marker = '.bch-view.json';
const unusedViewMs = 14 * 24 * 3600 * 1000;
const staleStagingMs = 3600 * 1000;

/** The package names of a node_modules folder a view may hold: every entry that is not a dot entry, scoped ones as `@scope/name`. */
export function packagesIn(nodeModulesDir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModulesDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.name.startsWith('@')) names.push(entry.name);
    else if (entry.isDirectory())
      for (const scoped of readdirSync(join(nodeModulesDir, entry.name)))
        if (!scoped.startsWith('.')) names.push(`${entry.name}/${scoped}`);
  }
  return names.sort();
}

/** The view of `packages` of `nodeModulesDir` (a node_modules folder), built under `viewsDir` unless it exists; returns its
 * node_modules folder. Names that are not a package of the folder (a dot entry, a missing one) are left out. */
export function packageView(nodeModulesDir: string, packages: readonly string[], viewsDir: string): string {
  const source = realpathSync(nodeModulesDir);
  const kept = [...new Set(packages)].filter((name) => isPackageName(name) && existsSync(join(source, name))).sort();
  const view = join(viewsDir, viewKey(source, kept));
  if (existsSync(join(view, marker))) {
    const now = new Date();
    utimesSync(join(view, marker), now, now);
    return join(view, 'node_modules');
  }
  mkdirSync(viewsDir, { recursive: true });
  pruneViews(viewsDir);
  const staging = join(viewsDir, `.staging-${randomUUID()}`);
  try {
    mkdirSync(join(staging, 'node_modules'), { recursive: true });
    for (const name of kept) {
      if (name.includes('/')) mkdirSync(join(staging, 'node_modules', name.split('/')[0]), { recursive: true });
      copyTree(join(source, name), join(staging, 'node_modules', name));
    }
    writeFileSync(join(staging, marker), JSON.stringify({ source, packages: kept.length, createdAt: new Date().toISOString() }));
    try {
      renameSync(staging, view);
    } catch (error) {
      // Another grade built the same view meanwhile: either copy is good.
      if (!existsSync(join(view, marker))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return join(view, 'node_modules');
}

/** A scoped or plain package name: no dot entry, no path beyond `@scope/name`. */
function isPackageName(name: string): boolean {
  const parts = name.split('/');
  if (parts.some((part) => part === '' || part.startsWith('.'))) return false;
  return parts.length === 1 ? !name.startsWith('@') : parts.length === 2 && parts[0].startsWith('@');
}

/** The view's folder name: the source and, per package, the identity of its folder (a reinstall makes new folders). */
function viewKey(source: string, packages: readonly string[]): string {
  const hash = createHash('sha256').update(`${viewFormat}\0${source}\0`);
  for (const name of packages) {
    const info = statSync(join(source, name), { bigint: true });
    hash.update(`${name}\0${info.dev}:${info.ino}:${info.birthtimeNs}:${info.ctimeNs}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Recreates a package folder: folders made, files hard-linked (copied across file systems), links copied as links;
 * inside any nested node_modules, dot entries (.bin, caches) are left out as at the top. */
function copyTree(from: string, to: string): void {
  const info = lstatSync(from);
  if (info.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (info.isFile()) {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  } else if (info.isDirectory()) {
    mkdirSync(to, { mode: info.mode & 0o7777 });
    const nested = from.endsWith('/node_modules');
    for (const name of readdirSync(from)) if (!(nested && name.startsWith('.'))) copyTree(join(from, name), join(to, name));
  }
}

/** Removes views unused for 14 days and staging folders a killed run left. */
function pruneViews(viewsDir: string, now = Date.now()): void {
  for (const name of readdirSync(viewsDir)) {
    const path = join(viewsDir, name);
    const stamp = name.startsWith('.staging-') ? path : join(path, marker);
    const age = now - (lstatSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age > (name.startsWith('.staging-') ? staleStagingMs : unusedViewMs)) rmSync(path, { recursive: true, force: true });
  }
}
