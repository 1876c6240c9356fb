// A kit's package-lock.json, cut from the repository's own: the root entry lists only the kit's dependencies,
// and only the packages they reach (dependencies, optional and peer dependencies, resolved the way Node does,
// from the nearest node_modules outwards) are kept, each with its resolved URL and integrity unchanged.
// So `npm ci` in the kit installs exactly the versions the repository tests with, without a registry query at pack time.

interface LockPackage {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockPackage>;
}

export interface KitRoot {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  /** The candidate's tooling (TypeScript and the type packages), kept like dependencies. */
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}

/** The lockfile for a package whose root is `root`, keeping from `lock` only what root's dependencies reach. */
export function deriveLockfile(lock: Lockfile, root: KitRoot): Lockfile {
  if (lock.lockfileVersion < 2)
    throw new Error(`package-lock.json has lockfileVersion ${lock.lockfileVersion}; version 2 or 3 is needed (npm 7 or newer)`);
  const kept = new Set<string>();
  const pending: Array<{ from: string; name: string; optional: boolean }> = Object.keys({
    ...root.dependencies,
    ...root.devDependencies,
  }).map((name) => ({
    from: '',
    name,
    optional: false,
  }));
  while (pending.length > 0) {
    const { from, name, optional } = pending.pop()!;
    const path = resolveInLock(lock.packages, from, name);
    if (path === undefined) {
      if (optional) continue;
      throw new Error(
        `package-lock.json has no entry for "${name}" (needed by ${from || 'the kit'}); run npm install in the repository first`,
      );
    }
    if (kept.has(path)) continue;
    kept.add(path);
    const entry = lock.packages[path];
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) pending.push({ from: path, name: dep, optional: false });
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) pending.push({ from: path, name: dep, optional: true });
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      pending.push({ from: path, name: dep, optional: optionalPeers[dep]?.optional === true });
  }
  const packages: Record<string, LockPackage> = {
    '': {
      name: root.name,
      version: root.version,
      dependencies: root.dependencies,
      ...(root.devDependencies ? { devDependencies: root.devDependencies } : {}),
      ...(root.engines ? { engines: root.engines } : {}),
    },
  };
  for (const path of [...kept].sort()) packages[path] = lock.packages[path];
  return { name: root.name, version: root.version, lockfileVersion: lock.lockfileVersion, requires: true, packages };
}

/** Where Node would find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveInLock(packages: Record<string, LockPackage>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}
