// The JSON results `bch grade --json` writes (results.json v3, extended), as `bch report` reads them: validated at
// the edge, lenient about fields added later (sandbox, more phases), so old and new results both load.
import { z } from 'zod';

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
  code: z.string().optional(),
  output: z.string().optional(),
  category: z.string(),
  score: z.number(),
  max_score: z.number(),
  duration_ms: z.number(),
  timed_out: z.boolean(),
  load: load.optional(),
});

/** A sandbox as a later harness may report it: "none", or an object naming the mechanism. */
const sandbox = z.union([z.string(), z.looseObject({ mechanism: z.string() })]);

export const gradeResultsSchema = z.looseObject({
  version: z.literal(3),
  status,
  message: z.string().optional(),
  score: z.number(),
  max_score: z.number(),
  min_score: z.number(),
  meets_min_score: z.boolean(),
  duration_ms: z.number(),
  challenge: z.looseObject({ id: z.string(), title: z.string(), version: z.string().optional() }),
  submission: z.string(),
  suite: z.enum(['hidden', 'public']),
  provider: z.string(),
  phases_ms: z.record(z.string(), z.number()).default({}),
  error_kind: z.enum(['challenge', 'environment']).optional(),
  code: z.string().optional(),
  harness_version: z.string().optional(),
  graded_at: z.string().optional(),
  sandbox: sandbox.optional(),
  tests: z.array(test),
});

export type GradeResults = z.output<typeof gradeResultsSchema>;
export type TestResults = GradeResults['tests'][number];
