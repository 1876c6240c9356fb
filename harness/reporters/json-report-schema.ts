// The JSON report (`bch grade --json`, a batch's results.json): Exercism's test-runner results.json, version 3,
// extended with scores, categories, timings, load figures and provenance. One schema for the writer (its input
// type is what toJsonReport returns), the reader (`bch report` validates files with it) and the tests. Lenient
// where results written by an older harness differ: later fields are optional, a sandbox was once a string.
import { z } from 'zod';
import { suites } from '../suite.ts';

const status = z.enum(['pass', 'fail', 'error']);

const load = z.looseObject({
  duration_s: z.number(),
  metrics: z.record(z.string(), z.number()),
  rules: z.array(z.looseObject({ rule: z.string(), measured: z.number().nullable(), passed: z.boolean() })),
});

const test = z.looseObject({
  name: z.string(),
  id: z.string(),
  status,
  message: z.string().optional(),
  /** Why it did not pass, as a stable code, when known (e.g. BCH_CHECK_TIMEOUT, BCH_INFRASTRUCTURE_ERROR). */
  code: z.string().optional(),
  output: z.string().optional(),
  category: z.string(),
  score: z.number(),
  max_score: z.number(),
  duration_ms: z.number(),
  timed_out: z.boolean(),
  load: load.optional(),
});

/** How candidate code was contained: `none` means it ran with the grader's rights (a string in older results). */
const sandbox = z.union([
  z.string(),
  z.looseObject({
    mechanism: z.string(),
    memory_bytes: z.number().optional(),
    tasks: z.number().optional(),
    disk_bytes: z.number().optional(),
    enforced: z.object({ memory: z.boolean(), tasks: z.boolean(), disk: z.boolean() }).optional(),
  }),
]);

export const gradeResultsSchema = z.looseObject({
  version: z.literal(3),
  status,
  message: z.string().optional(),
  /** The stable code of the grade's reason (always with status error; absent before this field existed). */
  code: z.string().optional(),
  score: z.number(),
  max_score: z.number(),
  min_score: z.number(),
  meets_min_score: z.boolean(),
  duration_ms: z.number(),
  /** The challenge's version (a hash of its graded files), when known. */
  challenge: z.looseObject({ id: z.string(), title: z.string(), version: z.string().optional() }),
  submission: z.string(),
  /** In a batch: the submission's id (its folder and index entry), which reports name the candidate by. */
  submission_id: z.string().optional(),
  /** In a batch: the id of the earlier submission with the same content, whose grade this one copies. */
  identical_to: z.string().optional(),
  /** How the submission was received and which folder was graded. */
  received: z.string().optional(),
  /** When the work was done, as the submission records it (git: commit times; archive, folder: file times): the
   * candidate's own claim, never scored. */
  timeline: z
    .looseObject({
      source: z.enum(['git', 'archive', 'folder']),
      first_commit: z.string().optional(),
      last_commit: z.string().optional(),
      commits: z.number().optional(),
      more_commits: z.boolean().optional(),
      earliest_file: z.string().optional(),
      latest_file: z.string().optional(),
    })
    .optional(),
  /** When the service did not start before the tests: the first error of its output, the submission's file it
   * points to, and the output (once; the checks that could not run carry none). */
  start_failure: z.looseObject({ cause: z.string().optional(), file: z.string().optional(), output: z.string().optional() }).optional(),
  /** With status error: whether the challenge's tests broke or the environment (absent before this field existed). */
  error_kind: z.enum(['challenge', 'environment']).optional(),
  /** The harness's version, when the writer knew it. */
  harness_version: z.string().optional(),
  /** The commit of the harness's checkout (`+dirty` when its files differ from it), when it is a git checkout. */
  harness_commit: z.string().optional(),
  /** When the grade started (ISO 8601, UTC), when the writer knew it. */
  graded_at: z.string().optional(),
  /** The machine that graded, as it was when the grade ended: load figures compare only within one machine. */
  machine: z.looseObject({ cores: z.number(), load_average: z.array(z.number()), node: z.string(), os: z.string() }).optional(),
  suite: z.enum(suites),
  provider: z.string(),
  sandbox: sandbox.optional(),
  phases_ms: z.record(z.string(), z.number()).default({}),
  tests: z.array(test),
});

/** A report as read (defaults applied). */
export type GradeResults = z.output<typeof gradeResultsSchema>;
export type TestResults = GradeResults['tests'][number];
/** A report as written. */
export type JsonReport = z.input<typeof gradeResultsSchema>;
