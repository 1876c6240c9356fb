// The reviewer's own rubric (`bch report --rubric <file>`): criteria and a scale the interviewer writes, which the
// report turns into empty fields beside each candidate's grade, and the marks given in them. The grade stays the
// machine's; the marks sit beside it. A page saved from the browser keeps the marks in one JSON block
// (`<script type="application/json" id="bch-marks">`), which `--marks <saved page>` reads back.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.ts';

const rubricSchema = z.strictObject({
  /** The marks a criterion can get, lowest first: numbers or words. */
  scale: z
    .array(z.union([z.string().min(1), z.number()]).transform(String))
    .min(2)
    .max(10),
  criteria: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), title: z.string().min(1), description: z.string().optional() }))
    .min(1)
    .max(30),
});

export type ReviewerRubric = z.output<typeof rubricSchema>;

const marksSchema = z.strictObject({
  version: z.literal(1),
  rubric: rubricSchema,
  /** Per candidate name: per criterion id, the mark and a note; and notes on the whole. */
  candidates: z.record(
    z.string(),
    z.strictObject({
      criteria: z.record(z.string(), z.strictObject({ mark: z.string().optional(), note: z.string().optional() })),
      notes: z.string().optional(),
    }),
  ),
});

export type ReviewerMarks = z.output<typeof marksSchema>;

/** Reads a rubric file (YAML or JSON); a bad one is a usage error naming each problem. */
export function readRubric(file: string): ReviewerRubric {
  const parsed = rubricSchema.safeParse(parseFile(file, 'rubric'));
  if (!parsed.success)
    throw badFile(file, 'rubric', parsed.error, 'scale: [1, 2, 3, 4]\ncriteria:\n  - { id: structure, title: Code structure }');
  return parsed.data;
}

/** Reads the marks of a page saved from the browser (or of a JSON file holding them). */
export function readMarks(file: string): ReviewerMarks {
  const text = readText(file, 'marks');
  const block = /<script type="application\/json" id="bch-marks">([\s\S]*?)<\/script>/.exec(text)?.[1];
  let raw: unknown;
  try {
    raw = JSON.parse(block ?? text);
  } catch (error) {
    throw new UsageError(
      'BCH_REPORT_BAD_MARKS',
      `${file} holds no marks (${(error as Error).message}): pass a report page saved from the browser after marking, or the JSON of its marks.`,
    );
  }
  const parsed = marksSchema.safeParse(raw);
  if (!parsed.success) throw badFile(file, 'marks', parsed.error, 'the page bch report wrote with --rubric, saved after marking');
  return parsed.data;
}

/** The JSON of marks, safe inside a script element (no `<` that could end it). */
export function marksJson(marks: ReviewerMarks): string {
  return JSON.stringify(marks).replace(/</g, '\\u003c');
}

function parseFile(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError('BCH_REPORT_BAD_RUBRIC', `${file} is not YAML or JSON (${(error as Error).message}): write the ${what} as YAML.`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('BCH_REPORT_NOT_FOUND', `the ${what} file ${file} cannot be read (${(error as Error).message}).`);
  }
}

function badFile(file: string, what: string, error: z.ZodError, example: string): UsageError {
  const problems = error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return new UsageError(
    what === 'rubric' ? 'BCH_REPORT_BAD_RUBRIC' : 'BCH_REPORT_BAD_MARKS',
    `${file} is not a ${what}: ${problems.join('; ')}. Expected: ${example}.`,
  );
}
