// `bch validate`: everything that can be known about a challenge without grading it, in seconds, every
// problem at once. The manifest; its check ids against the tests' (vitest's own collection); the starter and
// the reference against the manifest's files; the statement's requirement coverage and points per category; a
// debrief per check; the variant list, its count and that every patch applies to the reference.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ChallengeManifest } from './challenge-manifest.ts';
import { collectChallengeTests, type CollectedFile } from './collect-tests.ts';
import { challengeAt, missingChallengeFiles, referenceDirOf } from './load-challenge.ts';
import { readManifest } from './read-manifest.ts';
import { requirementCoverage, requirementsInStatement } from './requirement-coverage.ts';
import { statementPointProblems } from './statement-points.ts';
import { minimumVariants, readVariantList, variantListFile, variantPatchFile } from './variant-list.ts';
import { patchReference } from './variant-patch.ts';

export interface ValidationFinding {
  /** The file to change, relative to the folder that holds the challenges folder (e.g. `challenges/x/challenge.yaml`). */
  file: string;
  /** What is wrong, and what to do about it. */
  message: string;
  /** `problem`: the challenge is invalid. `todo`: allowed while a challenge is being written (an empty variant list). */
  level: 'problem' | 'todo';
}

export interface ChallengeValidation {
  challenge: string;
  findings: ValidationFinding[];
}

export interface ValidateOptions {
  /** The challenges folder. */
  root: string;
  /** Where vitest may keep its transform cache. */
  cacheDir: string;
}

/** Validates the given challenges of `root`; their tests are collected in one vitest run. */
export async function validateChallenges(ids: readonly string[], options: ValidateOptions): Promise<ChallengeValidation[]> {
  const base = dirname(options.root);
  const staticParts = ids.map((id) => validateFiles(id, options.root));
  const collected = await collectChallengeTests(options.root, ids, options.cacheDir);
  return staticParts.map(({ id, manifest, findings }) => {
    const all = manifest ? [...findings, ...testFindings(join(options.root, id), manifest, collected.get(id) ?? [])] : findings;
    return { challenge: id, findings: all.map((f) => ({ ...f, file: relative(base, f.file) })) };
  });
}

/** What the files say without running anything; the manifest when it is valid, for the comparison with the tests. */
function validateFiles(id: string, root: string): { id: string; manifest?: ChallengeManifest; findings: ValidationFinding[] } {
  const dir = join(root, id);
  const findings: ValidationFinding[] = [];
  const problem = (file: string, message: string) => findings.push({ file, message, level: 'problem' });
  const manifestFile = join(dir, 'challenge.yaml');
  const reading = readManifest(manifestFile, id);
  const manifest = reading.manifest;
  if (!manifest) {
    for (const message of reading.problems) problem(manifestFile, message);
    if (!existsSync(join(dir, 'README.md'))) problem(join(dir, 'README.md'), 'missing: write the task statement for candidates');
    return { id, findings };
  }
  const challenge = challengeAt(dir, manifest);
  for (const path of missingChallengeFiles(challenge, { inKit: false }))
    problem(path, 'missing: the manifest or the challenge layout needs it (docs/architecture.md, "Adding a challenge")');
  const reference = referenceDirOf(id, root);
  for (const file of [manifest.submission.entry, ...Object.values(manifest.submission.modules)]) {
    if (!existsSync(join(reference, file)))
      problem(join(reference, file), `missing: the reference solution needs every file of the manifest's submission (entry and modules)`);
  }
  const statementFile = join(dir, 'README.md');
  if (existsSync(statementFile)) {
    const statement = readFileSync(statementFile, 'utf8');
    const inStatement = requirementsInStatement(statement);
    for (const message of inStatement.problems) problem(statementFile, message);
    if (inStatement.ids.length === 0)
      problem(
        statementFile,
        "marks no requirement: end each testable sentence with <!-- req: <id> --> and list the ids under the checks' requirements",
      );
    for (const message of requirementCoverage(manifest, statement).problems.slice(inStatement.problems.length))
      problem(manifestFile, message);
    for (const message of statementPointProblems(statement, manifest)) problem(statementFile, message);
  }
  for (const check of manifest.checks.filter((c) => !c.debrief)) {
    problem(
      manifestFile,
      `the check "${check.id}" has no debrief: add 1–3 follow-up questions for the interviewer (debrief: [...] or { passed: [...], failed: [...] })`,
    );
  }
  findings.push(...variantFindings(dir, reference, manifest));
  return { id, manifest, findings };
}

/** The variant list: its schema, its count, the checks it names, and that every patch applies to the reference. */
function variantFindings(dir: string, reference: string, manifest: ChallengeManifest): ValidationFinding[] {
  const listFile = variantListFile(dir);
  const findings: ValidationFinding[] = [];
  const problem = (file: string, message: string) => findings.push({ file, message, level: 'problem' });
  const reading = readVariantList(dir);
  for (const message of reading.problems) problem(listFile, message);
  if (reading.problems.length > 0) return findings;
  const { variants } = reading;
  if (variants.length === 0) {
    findings.push({
      file: listFile,
      level: 'todo',
      message: `no known-bad variants yet: add at least ${minimumVariants}, each a patch of the reference in variants/<id>.patch and the checks it must lose`,
    });
  } else if (variants.length < minimumVariants) {
    problem(
      listFile,
      `declares ${variants.length} known-bad variants, at least ${minimumVariants} are needed: add ${minimumVariants - variants.length} more`,
    );
  }
  const checkIds = new Set(manifest.checks.map((c) => c.id));
  for (const variant of variants) {
    const unknown = variant.loses.filter((id) => !checkIds.has(id));
    if (unknown.length > 0)
      problem(
        listFile,
        `the variant "${variant.id}" loses ${unknown.map((id) => `"${id}"`).join(', ')}, not checks of challenge.yaml: name declared check ids`,
      );
    const patchFile = variantPatchFile(dir, variant.id);
    if (!existsSync(patchFile)) {
      problem(patchFile, `missing: the variant "${variant.id}" of variants.yaml needs its patch (a unified diff against the reference)`);
      continue;
    }
    if (!existsSync(reference)) continue;
    for (const message of patchReference(reference, readFileSync(patchFile, 'utf8')).problems) problem(patchFile, message);
  }
  const declared = new Set(variants.map((v) => `${v.id}.patch`));
  const patchesDir = join(dir, 'variants');
  const strays = existsSync(patchesDir) ? readdirSync(patchesDir).filter((name) => name.endsWith('.patch') && !declared.has(name)) : [];
  for (const name of strays)
    problem(
      join(patchesDir, name),
      'is not declared in variants.yaml: declare the variant there with the checks it loses, or delete the patch',
    );
  return findings;
}

/** The collected tests against the manifest: one hidden test per check, no test without a check, public tests that load. */
function testFindings(dir: string, manifest: ChallengeManifest, files: readonly CollectedFile[]): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const problem = (file: string, message: string) => findings.push({ file, message, level: 'problem' });
  const declared = new Set(manifest.checks.map((c) => c.id));
  const testedIn = new Map<string, string[]>();
  for (const file of files) {
    for (const error of file.errors) problem(file.file, `cannot be collected: ${error}`);
    if (file.suite !== 'hidden') continue;
    for (const id of file.tests) {
      testedIn.set(id, [...(testedIn.get(id) ?? []), file.file]);
      if (!declared.has(id))
        problem(
          file.file,
          `check("${id}") has no entry in challenge.yaml: declare it there (title, category, weight, requirements, debrief) or rename the check`,
        );
    }
  }
  const manifestFile = join(dir, 'challenge.yaml');
  for (const [id, where] of testedIn) {
    if (where.length > 1) problem(where[1], `the check "${id}" is tested ${where.length} times: keep one check("${id}", …)`);
  }
  // A file that cannot be collected hides its checks: its error is the problem to fix first.
  const uncollected = (suite: CollectedFile['suite']) => files.some((f) => f.suite === suite && f.errors.length > 0);
  for (const id of uncollected('hidden') ? [] : declared) {
    if (!testedIn.has(id))
      problem(
        manifestFile,
        `the check "${id}" has no hidden test: add check("${id}", async (ctx) => …) under hidden/, or remove the check`,
      );
  }
  if (!uncollected('public') && !files.some((f) => f.suite === 'public' && f.tests.length > 0))
    problem(join(dir, 'public'), 'has no public test: give candidates at least one test they can run with bch test');
  return findings;
}
