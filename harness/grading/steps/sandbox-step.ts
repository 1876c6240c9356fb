// The sandbox of one grade: its own disk (the app copy and tsx's transform cache, side by side, both counted
// against the limit), the limits the machine can enforce, and the plan every candidate process of the grade is
// started with. The cache is a folder the harness made, never a path of the candidate's tree.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChallengeManifest } from '../../challenge-spec/challenge-manifest.ts';
import { EnvironmentError } from '../../errors.ts';
import { harnessNodeModules } from '../../process/harness-modules.ts';
import type { SandboxDecision } from '../../sandbox/choose-sandbox.ts';
import { handOver, mountGradeDisk } from '../../sandbox/grade-disk.ts';
import { harnessPackages } from '../../sandbox/harness-packages.ts';
import { packagesIn, packageView } from '../../sandbox/package-view.ts';
import { cgroupLayout } from '../../sandbox/sandbox-cgroup.ts';
import type { SandboxPlan } from '../../sandbox/sandbox-plan.ts';
import { linkDependencies, type PreparedSubmission } from '../../submission/prepare-submission.ts';
import type { GradeResult } from '../grade-result.ts';

/** The unprivileged user candidate processes run as in the sandbox (nobody). */
export const sandboxUser = { uid: 65534, gid: 65534 };

export interface GradeDisk {
  /** The folder the submission is copied into, on the grade's own disk when one could be mounted. */
  diskDir: string;
  tsxCacheDir: string;
  mounted: boolean;
}

/** Mounts the grade's disk (sandboxed grades, where the machine allows), before anything is copied onto it. */
export function gradeDisk(decision: SandboxDecision, gradeDir: string, manifest: ChallengeManifest): GradeDisk {
  const diskDir = join(gradeDir, 'disk');
  const mounted = decision.mechanism === 'bwrap' && mountGradeDisk(diskDir, manifest.sandbox.diskMb * 1024 ** 2);
  return { diskDir, tsxCacheDir: join(diskDir, 'tsx-cache'), mounted };
}

export interface SandboxPlanInput {
  decision: SandboxDecision;
  manifest: ChallengeManifest;
  challengeDir: string;
  disk: GradeDisk;
  prepared: PreparedSubmission;
  gradeId: string;
}

/** The plan of the grade's sandboxes. Limits are reported as enforced only where this machine's cgroups can hold them. */
export function sandboxPlan({ decision, manifest, challengeDir, disk, prepared, gradeId }: SandboxPlanInput): SandboxPlan {
  const cgroupsUsable = decision.mechanism === 'bwrap' && cgroupLayout() !== undefined;
  return {
    mechanism: decision.mechanism,
    appDir: prepared.appDir,
    nodeModulesDir: prepared.ok ? prepared.nodeModulesDir : harnessNodeModules,
    loaderModulesDir: harnessNodeModules,
    tsxCacheDir: disk.tsxCacheDir,
    readOnlyFiles: manifest.sandbox.files.map((file) => join(challengeDir, file)),
    ...sandboxUser,
    limits: {
      memoryBytes: manifest.sandbox.memoryMb * 1024 ** 2,
      tasks: manifest.sandbox.tasks,
      diskBytes: manifest.sandbox.diskMb * 1024 ** 2,
    },
    enforced: { memory: cgroupsUsable, tasks: cgroupsUsable, disk: disk.mounted },
    name: `bch-${gradeId}`,
  };
}

/** Makes the prepared copy runnable where the plan runs it: handed to the sandbox's user, with read-only views of the
 * packages in place of node_modules folders; without a sandbox, its dependencies linked in place. */
export async function readySandbox(
  plan: SandboxPlan,
  prepared: Extract<PreparedSubmission, { ok: true }>,
  cacheDir: string,
): Promise<SandboxPlan> {
  if (plan.mechanism !== 'bwrap') {
    await linkDependencies(prepared.appDir, prepared.nodeModulesDir);
    return plan;
  }
  await mkdir(plan.tsxCacheDir);
  handOver(prepared.appDir, sandboxUser.uid, sandboxUser.gid);
  handOver(plan.tsxCacheDir, sandboxUser.uid, sandboxUser.gid);
  return { ...plan, ...sandboxViews(prepared, join(cacheDir, 'views')) };
}

/** The read-only views a grade's sandboxes see instead of node_modules folders: the harness's loader, and the
 * submission's dependencies (its own install, or the harness's packages without a lockfile). */
function sandboxViews(
  prepared: { nodeModulesDir: string; dependencies: 'harness' | 'installed' | 'cached' },
  viewsDir: string,
): Pick<SandboxPlan, 'nodeModulesDir' | 'loaderModulesDir'> {
  try {
    return {
      loaderModulesDir: packageView(harnessNodeModules, harnessPackages(harnessNodeModules, 'loader'), viewsDir),
      nodeModulesDir: packageView(
        prepared.nodeModulesDir,
        prepared.dependencies === 'harness' ? harnessPackages(harnessNodeModules, 'dependencies') : packagesIn(prepared.nodeModulesDir),
        viewsDir,
      ),
    };
  } catch (error) {
    throw new EnvironmentError(
      'BCH_SANDBOX_FAILED',
      `could not build the sandbox's view of the dependencies in ${viewsDir}: ${(error as Error).message}. Check that the cache folder (BCH_CACHE_DIR) is writable and has free space.`,
      { cause: error },
    );
  }
}

/** What a report says about the sandbox a grade ran in. */
export function sandboxReport(plan: SandboxPlan | undefined): GradeResult['sandbox'] {
  if (!plan || plan.mechanism === 'none') return { mechanism: 'none' };
  return { mechanism: plan.mechanism, limits: plan.limits, enforced: plan.enforced };
}
