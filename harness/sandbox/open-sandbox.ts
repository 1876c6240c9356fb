// Opens the sandbox a plan asks for: bubblewrap with a cgroup of its own, or none.
import { randomBytes } from 'node:crypto';
import { BwrapSandbox } from './bwrap-sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { cgroupLayout, SandboxCgroup } from './sandbox-cgroup.ts';
import type { SandboxPlan } from './sandbox-plan.ts';
import { Unsandboxed } from './unsandboxed.ts';

/** A new sandbox for one service instance or module driver; its processes are recorded in registryDir. */
export async function openSandbox(plan: SandboxPlan, registryDir: string): Promise<Sandbox> {
  if (plan.mechanism === 'none') return new Unsandboxed(plan.appDir);
  const layout = plan.enforced.memory || plan.enforced.tasks ? cgroupLayout() : undefined;
  const cgroup = layout ? SandboxCgroup.create(layout, `${plan.name}-${randomBytes(3).toString('hex')}`, plan.limits) : undefined;
  try {
    return await BwrapSandbox.open(plan, cgroup, registryDir);
  } catch (error) {
    await cgroup?.remove();
    throw error;
  }
}
