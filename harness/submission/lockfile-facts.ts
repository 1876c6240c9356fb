// What the lockfile and package.json say that matters to an install: packages with install scripts (not run
// here), `file:` dependencies, and the fields that change what `npm ci` installs.
import { readFile } from 'node:fs/promises';

interface Lockfile {
  packages?: Record<string, { version?: string; hasInstallScript?: boolean; link?: boolean; resolved?: string }>;
}
export interface PackageManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  overrides?: unknown;
  workspaces?: unknown;
  bundleDependencies?: unknown;
}

export interface LockfileFacts {
  /** "name@version" of every package whose install scripts npm skips (`hasInstallScript`). */
  installScripts: string[];
  /** Relative folders referenced by `file:` dependencies (package.json) or links (lockfile). */
  fileDependencies: string[];
  /** The package.json fields that change the install, as stable JSON. */
  installFields: string;
}

/** Reads the facts from the two files' text. */
export function lockfileFacts(manifest: PackageManifest, lockfile: Lockfile): LockfileFacts {
  const installScripts = Object.entries(lockfile.packages ?? {})
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path, entry]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version ?? '?'}`)
    .sort();
  const specs = [manifest.dependencies, manifest.devDependencies, manifest.optionalDependencies].flatMap((deps) =>
    Object.values(deps ?? {}),
  );
  const fromManifest = specs.filter((spec) => spec.startsWith('file:')).map((spec) => spec.slice('file:'.length));
  const fromLock = Object.entries(lockfile.packages ?? {})
    .filter(([path, _entry]) => path !== '' && !path.includes('node_modules/'))
    .map(([path]) => path);
  const fileDependencies = [...new Set([...fromManifest, ...fromLock])].sort();
  const { dependencies, devDependencies, optionalDependencies, peerDependencies, overrides, workspaces, bundleDependencies } = manifest;
  const installFields = JSON.stringify({
    dependencies,
    devDependencies,
    optionalDependencies,
    peerDependencies,
    overrides,
    workspaces,
    bundleDependencies,
  });
  return { installScripts, fileDependencies, installFields };
}

/** Parses package.json and package-lock.json; a file that is not JSON is reported as the submission's problem. */
export async function readInstallFiles(
  manifestFile: string,
  lockFile: string,
): Promise<{ manifest: PackageManifest; lockfile: Lockfile } | { error: string }> {
  const parse = async (file: string, label: string) => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`${label} is not valid JSON (${(error as Error).message}). Fix it, run \`npm install\` and commit both files.`);
    }
  };
  try {
    return {
      manifest: (await parse(manifestFile, 'package.json')) as PackageManifest,
      lockfile: (await parse(lockFile, 'package-lock.json')) as Lockfile,
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
