// What one grade's sandboxes are made of: plain, serializable data built once by the orchestrator and handed
// to the tests (through the grade context), which open one sandbox per service instance or module driver.

export const sandboxModes = ['auto', 'bwrap', 'none'] as const;
export type SandboxChoice = (typeof sandboxModes)[number];
export type SandboxMechanism = 'bwrap' | 'none';

export interface SandboxLimits {
  /** Memory of the whole process tree of one sandbox (cgroup), in bytes. */
  memoryBytes: number;
  /** Tasks (processes and threads) of one sandbox (cgroup pids controller). */
  tasks: number;
  /** Size of the submission's copy, and separately of each sandbox's private /tmp, in bytes. */
  diskBytes: number;
}

export const defaultSandboxLimits: Readonly<SandboxLimits> = Object.freeze({
  memoryBytes: 1024 * 1024 * 1024,
  tasks: 256,
  diskBytes: 1024 * 1024 * 1024,
});

export interface SandboxPlan {
  mechanism: SandboxMechanism;
  /** The grade's writable copy of the submission; it has the same path inside the sandbox. */
  appDir: string;
  /** Dependencies, mounted read-only at <appDir>/node_modules (a symlink there without a sandbox); in a sandbox, a
   * view holding only the packages (package-view.ts). */
  nodeModulesDir: string;
  /** A view of the harness's packages holding the TypeScript loader (tsx and what it reaches), mounted read-only at
   * `harnessModulesMount`. */
  loaderModulesDir: string;
  /** tsx's transform cache: a folder the harness made for the grade outside the app copy (on the grade's disk),
   * writable by the sandbox user and shared by the grade's sandboxes, so tsx compiles a file once per grade. */
  tsxCacheDir: string;
  /** Host files the candidate's processes must run (fixture scripts, the Node binary), read-only at the same path. */
  readOnlyFiles: string[];
  /** The unprivileged user and group the candidate's processes run as. */
  uid: number;
  gid: number;
  limits: SandboxLimits;
  /** Which limits this machine can enforce (cgroups and tmpfs need root). */
  enforced: { memory: boolean; tasks: boolean; disk: boolean };
  /** Prefix of the sandboxes' cgroup names (unique per grade). */
  name: string;
}

/** Where the harness's own packages appear inside a sandbox: a path that says nothing about the harness. */
export const harnessModulesMount = '/opt/bch/node_modules';

/** "1 GiB", "512 MiB". */
export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  if (gib >= 1 && Number.isInteger(Math.round(gib * 10) / 10)) return `${Math.round(gib * 10) / 10} GiB`;
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}
