// The isolate step: the grade's own spaces in its services (a database and role, a Redis index, prefix and user,
// a vhost and user), and one more set per further lane, for the checks that run side by side
// (testkit/check-lane.ts). Lane 0 is the grade's: the preflight start, the migrations and the public tests use it.
// Further lanes are an optimisation: one a service has no room for (every Redis index claimed) is left out, and
// the checks share the lanes that opened.
import type { ChallengeManifest, CheckSpec } from '../../challenge-spec/challenge-manifest.ts';
import { once } from '../../lifecycle/once.ts';
import { createGradeSpace, type GradeSpace } from '../../services/grade-space.ts';
import type { StartedServices } from '../../services/service-provider.ts';
import type { Suite } from '../../suite.ts';

/** How many lanes a grade opens: one when nothing would run beside anything else. A challenge with a data set or
 * migrations gets one: a lane would copy the data set and apply the migrations again. */
export function laneCount(manifest: ChallengeManifest, gradedChecks: readonly CheckSpec[], suite: Suite, maxLanes: number): number {
  if (suite !== 'hidden' || manifest.dataset || manifest.submission.migrations) return 1;
  const sideBySide = gradedChecks.filter((c) => c.timing !== 'cpu').length;
  return Math.max(1, Math.min(maxLanes, sideBySide));
}

export interface IsolateInput {
  services: StartedServices;
  manifest: ChallengeManifest;
  gradeId: string;
  lanes: number;
  postgresTemplate?: string;
}

export interface Isolated {
  /** Lane 0: the grade's own spaces. */
  space: GradeSpace;
  /** The further lanes that opened (at most lanes - 1). */
  moreLanes: GradeSpace[];
  /** Releases every lane's spaces, once. */
  release(): Promise<void>;
}

export async function isolateStep({ services, manifest, gradeId, lanes, postgresTemplate }: IsolateInput): Promise<Isolated> {
  const create = (name: string) => createGradeSpace(services.endpoints, manifest.services, name, { postgresTemplate });
  const [own, ...further] = await Promise.allSettled([
    create(gradeId),
    ...Array.from({ length: lanes - 1 }, (_, i) => create(`${gradeId}l${i + 1}`)),
  ]);
  const moreLanes = further.flatMap((lane) => (lane.status === 'fulfilled' ? [lane.value] : []));
  const opened = own.status === 'fulfilled' ? [own.value, ...moreLanes] : moreLanes;
  const release = once(async () => {
    await Promise.allSettled(opened.map((lane) => lane.release()));
  });
  if (own.status === 'rejected') {
    await release();
    throw own.reason;
  }
  return { space: own.value, moreLanes, release };
}
