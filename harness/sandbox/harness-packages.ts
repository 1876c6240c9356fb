// Which of the harness's own packages a sandbox shows: for the TypeScript loader, tsx and what it reaches; as the
// dependencies of a submission without a lockfile, what the harness's dependencies reach (its dev tools, such as
// typescript, biome and playwright, are not among them). Read from the harness's package-lock.json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deriveLockfile, type Lockfile } from '../candidate-kit/derive-lockfile.ts';

const cached = new Map<string, string[]>();

/** The top-level packages (`name` or `@scope/name`) that `roots` reach in the lockfile beside `nodeModulesDir`. */
export function harnessPackages(nodeModulesDir: string, roots: 'loader' | 'dependencies'): string[] {
  const key = `${nodeModulesDir}\0${roots}`;
  let packages = cached.get(key);
  if (!packages) {
    const root = dirname(nodeModulesDir);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const dependencies = roots === 'loader' ? { tsx: manifest.dependencies?.tsx ?? '*' } : (manifest.dependencies ?? {});
    const reached = deriveLockfile(lock, { name: 'bch-sandbox', version: '0.0.0', dependencies }).packages;
    packages = [...new Set(Object.keys(reached).filter(Boolean).map(topLevelName))].sort();
    cached.set(key, packages);
  }
  return packages;
}

/** `node_modules/@s/a/node_modules/b` → `@s/a`: the folder of node_modules that holds a lockfile path. */
function topLevelName(path: string): string {
  const parts = path.slice('node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}
