// The schema of challenges/<id>/challenge.yaml: what a challenge declares before anything runs.
import { z } from 'zod';
import { serviceNames } from '../services/service-registry.ts';
import { parseThresholdRule, type ThresholdRule } from './threshold-rule.ts';

export const checkCategories = ['correctness', 'resilience', 'security', 'performance'] as const;
export type CheckCategory = (typeof checkCategories)[number];

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, starting with a letter');
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use an upper-case environment variable name');

const thresholdRule = z.string().transform((source, ctx): ThresholdRule => {
  const rule = parseThresholdRule(source);
  if ('error' in rule) {
    ctx.addIssue({ code: 'custom', message: rule.error });
    return z.NEVER;
  }
  return rule;
});

const loadSpec = z.strictObject({
  /** How long the load runs in a normal grade, in seconds. */
  durationSeconds: z.number().positive().max(120),
  /** How long it runs with --quick (CI): shorter, same thresholds. */
  quickDurationSeconds: z.number().positive().max(120),
  thresholds: z.array(thresholdRule).min(1),
});

/** One to three follow-up questions for the debrief interview. */
const questions = z.array(z.string().min(10)).min(1).max(3);

/** The same questions whatever the result, or worded for a passed and a failed check. */
const debrief = z.union([questions, z.strictObject({ passed: questions, failed: questions })]);

/**
 * What a check measures, which decides how the runner schedules it (grading/check-lanes.ts):
 * - `none`: nothing timed (a status, a body, a row); runs beside other such checks, each in a lane of its own;
 * - `clock`: a wait on the clock (a TTL, a drain, a grace period) with a margin; overlaps like `none`;
 * - `cpu`: time that competing work would distort (load, constant time, latency); runs with nothing else of the grade.
 * The default is `cpu`: a check that says nothing runs alone, as every check did before.
 */
export const checkTimings = ['none', 'clock', 'cpu'] as const;
export type CheckTiming = (typeof checkTimings)[number];

const check = z.strictObject({
  id,
  title: z.string().min(1),
  category: z.enum(checkCategories),
  weight: z.number().int().positive(),
  /** The time limit of the check; the runner, not the test, enforces it. */
  timeoutMs: z.number().int().positive().max(600_000).default(30_000),
  /** Ids of the statement's requirements (`<!-- req: id -->` markers in README.md) this check verifies. */
  requirements: z.array(id).default([]),
  load: loadSpec.optional(),
  timing: z.enum(checkTimings).default('cpu'),
  /** Follow-up questions an interviewer asks about this check in the debrief (never shown to candidates). */
  debrief: debrief.optional(),
});

/** A requirement of the statement that no check verifies, with the reason. */
const untestedRequirement = z.strictObject({ id, reason: z.string().min(1) });

const envVar = z.strictObject({
  name: envName,
  description: z.string().min(1),
  /** The value used when a test does not set one. */
  default: z.string().optional(),
});

export const challengeManifestSchema = z
  .strictObject({
    id,
    title: z.string().min(1),
    summary: z.string().min(1),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    minutes: z.number().int().positive(),
    skills: z.array(z.string().min(1)).min(1),
    services: z.array(z.enum(serviceNames)),
    submission: z.strictObject({
      /** The candidate's service, started as `node --import tsx <entry>` in the submission directory. */
      entry: z.string().min(1),
      /** Files the hidden tests load besides the entry (through a driver process, never in the scorer). */
      modules: z.record(z.string(), z.string()).default({}),
      readiness: z
        .strictObject({ path: z.string().startsWith('/'), timeoutMs: z.number().int().positive().max(120_000) })
        .default({ path: '/health', timeoutMs: 10_000 }),
      env: z.array(envVar).default([]),
      /** A folder of the submission whose `*.sql` files the harness applies, in name order, to the grade's database before the service starts. */
      migrations: z.string().min(1).optional(),
    }),
    /** A data set the grade's database starts with: seeded once per version into a template, copied per grade. */
    dataset: z
      .strictObject({
        /** Set-based seed SQL, relative to the challenge folder; it reads the seed value with current_setting('bch.seed'). */
        seed: z.string().min(1),
        /** Same value, same rows: part of the data set's version. */
        seedValue: z.number().int(),
      })
      .optional(),
    /** What the candidate's processes may see and use besides their own copy (see harness/sandbox/). */
    sandbox: z
      .strictObject({
        /** Harness files (relative to the challenge folder) that candidate processes run: driver scripts, apps. Read-only. */
        files: z.array(z.string().min(1)).default([]),
        /** Memory of one sandbox's whole process tree. */
        memoryMb: z.number().int().min(64).max(16_384).default(1024),
        /** Processes and threads of one sandbox. */
        tasks: z.number().int().min(16).max(4096).default(256),
        /** Size of the submission's copy, and of each sandbox's /tmp. */
        diskMb: z.number().int().min(16).max(16_384).default(1024),
      })
      .default({ files: [], memoryMb: 1024, tasks: 256, diskMb: 1024 }),
    /** The score the starter is expected to get (the challenge test holds it to this range). */
    starterScore: z
      .strictObject({ min: z.number().int().min(0).max(100), max: z.number().int().min(0).max(100) })
      .default({ min: 0, max: 10 }),
    checks: z.array(check).min(1),
    /** Requirements of the statement deliberately left without a check (harness/challenge-spec/requirement-coverage.ts). */
    untested: z.array(untestedRequirement).default([]),
  })
  .superRefine((manifest, ctx) => {
    const total = manifest.checks.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) {
      ctx.addIssue({ code: 'custom', path: ['checks'], message: `check weights must sum to 100, they sum to ${total}` });
    }
    if ((manifest.dataset || manifest.submission.migrations) && !manifest.services.includes('postgres')) {
      ctx.addIssue({ code: 'custom', path: ['services'], message: 'a dataset or migrations need the postgres service' });
    }
    if (manifest.starterScore.min > manifest.starterScore.max) {
      ctx.addIssue({ code: 'custom', path: ['starterScore'], message: 'starterScore.min is above starterScore.max' });
    }
    const seen = new Set<string>();
    for (const [index, c] of manifest.checks.entries()) {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', index, 'id'], message: `duplicate check id "${c.id}"` });
      seen.add(c.id);
      if (c.load && c.category !== 'performance') {
        ctx.addIssue({ code: 'custom', path: ['checks', index, 'load'], message: 'a load check belongs to the performance category' });
      }
      if (c.load && c.timing !== 'cpu') {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', index, 'timing'],
          message: `a load check measures time under CPU load: its timing is cpu (it runs alone), not ${c.timing}`,
        });
      }
    }
  });

export type ChallengeManifest = z.output<typeof challengeManifestSchema>;
export type CheckSpec = ChallengeManifest['checks'][number];
