// Opens the sandbox a plan asks for: bubblewrap with a cgroup of its own, or none.
import { randomBytes } from 'node:crypto';
import { BwrapSandbox } from './bwrap-sandbox.ts';
import type { Endpoint } from './endpoints-of.ts';
import type { Sandbox } from './sandbox.ts';
import { cgroupLayout, SandboxCgroup } from './sandbox-cgroup.ts';
import type { SandboxPlan } from './sandbox-plan.ts';
import { Unsandboxed } from './unsandboxed.ts';

/** A new sandbox for one service instance or module driver, whose processes may reach `endpoints` (endpointsOf
 * their environment) and nothing else on the network; its processes are recorded in registryDir. */
export async function openSandbox(plan: SandboxPlan, registryDir: string, endpoints: Endpoint[]): Promise<Sandbox> {
  if (plan.mechanism === 'none') return new Unsandboxed(plan.appDir);
  const layout = plan.enforced.memory || plan.enforced.tasks ? cgroupLayout() : undefined;
  const cgroup = layout ? SandboxCgroup.create(layout, `${plan.name}-${randomBytes(3).toString('hex')}`, plan.limits) : undefined;
  try {
    return await BwrapSandbox.open(plan, cgroup, registryDir, endpoints);
  } catch (error) {
    await cgroup?.remove();
    throw error;
  }
}

/** The port of 127.0.0.1 at which the harness reaches `port` of the process `pid` (a host pid): through the port
 * forwarding of the sandbox it runs in, or the port itself when it runs in none of this process's sandboxes. */
export async function exposePort(pid: number, port: number): Promise<number> {
  return (await BwrapSandbox.holding(pid)?.expose(port)) ?? port;
}
