// The lru-cache checks that wait on no clock: all but the TTL and expiry checks, the O(1) timing at a million
// entries and the load run. A test whose point is how a submission arrives or where its services come from grades
// only these (`--checks`): every file of the reference still runs (the LruCache class through the module driver,
// the service over HTTP with Redis and the helper upstream), in about a third of a full grade's time. Full grades
// of the reference are test/challenges.test.ts's and test/containers-grade.test.ts's.
import { loadChallenge } from '../../harness/challenge-spec/load-challenge.ts';

/** Checks that sleep past a TTL or a grace period, time a million operations, or run load. */
const waiting = ['lru-ttl', 'lru-constant-time', 'freshness', 'stale-on-error', 'load-skewed'];

const all = loadChallenge('lru-cache').manifest.checks;
const unknown = waiting.filter((id) => !all.some((c) => c.id === id));
if (unknown.length) throw new Error(`test/support/untimed-checks.ts names checks lru-cache no longer has: ${unknown.join(', ')}`);
const untimed = all.filter((c) => !waiting.includes(c.id));

/** Their ids, as `bch grade --checks` takes them. */
export const untimedChecks = untimed.map((c) => c.id).join(',');

/** Their points: the score (and the max score) of a partial grade that passes them all. */
export const untimedMaxScore = untimed.reduce((sum, c) => sum + c.weight, 0);
