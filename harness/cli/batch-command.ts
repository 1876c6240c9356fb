// `bch grade <challenge> <many> --out <dir>`: grades a batch into one folder per submission plus an index, and
// resumes: a submission whose content was already graded by the same challenge version is skipped (--force
// re-grades). Grades run one after another (see README: load checks are timing-sensitive).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readIndex, saveIndex } from '../batch/batch-index.ts';
import { BatchReporter, type BatchItem } from '../batch/batch-reporter.ts';
import { challengeVersion, sourceHash } from '../batch/content-hash.ts';
import { identicalItems, recordIdentical } from '../batch/identical-submission.ts';
import { ProgressReporter } from '../batch/progress-reporter.ts';
import { submissionIds } from '../batch/submission-id.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { exitCodes, UsageError } from '../errors.ts';
import { meetsMinScore } from '../grading/grade-result.ts';
import { parseSubmissionSource } from '../submission/submission-source.ts';
import { gradeCommand, type GradeCommand } from './grade-command.ts';

/** Grades what is not graded yet, writes the files and the index, and returns the exit code. */
export async function batchCommand(command: GradeCommand & { outDir: string; force: boolean; ids?: string[] }): Promise<number> {
  const { io } = command;
  const challenge = loadChallenge(command.challenge);
  const sources = command.submissions.map((label) => parseSubmissionSource(label));
  const outDir = resolve(command.outDir);
  await mkdir(outDir, { recursive: true });
  const version = await challengeVersion(challenge.dir);
  const index = await readIndex(outDir, challenge.manifest.id);
  const ids = command.ids === undefined ? submissionIds(command.submissions) : command.ids.map(checkedId);
  const items: BatchItem[] = [];
  for (const [i, source] of sources.entries())
    items.push({ id: ids[i], label: command.submissions[i], contentHash: await sourceHash(source) });
  const done = (item: BatchItem) =>
    index.entries.find(
      (e) => e.id === item.id && e.contentHash === item.contentHash && e.challengeVersion === version && e.status !== 'error',
    );
  const twins = identicalItems(items);
  const originals = items.filter((item) => !twins.has(item));
  const pending = command.force ? originals : originals.filter((item) => !done(item));
  const skipped = originals.length - pending.length;
  for (const [twin, original] of twins)
    io.out.write(`${twin.id} has the same content as ${original.id}: graded once, and reported as identical to it\n`);
  if (skipped > 0)
    io.out.write(
      `skipping ${skipped} of ${originals.length} submission(s) already graded with the same content by this challenge version (--force re-grades them): ${items
        .filter((i) => !pending.includes(i) && !twins.has(i))
        .map((i) => i.id)
        .join(', ')}\n`,
    );
  await saveIndex(outDir, index);
  let exitCode: number = exitCodes.graded;
  if (pending.length > 0) {
    const reporters = [
      new ProgressReporter({
        out: io.out,
        total: originals.length,
        skipped,
        color: Boolean((io.out as { isTTY?: boolean }).isTTY) && !io.env.CI && !io.env.NO_COLOR,
      }),
      new BatchReporter(outDir, index, pending, version),
    ];
    exitCode = await gradeCommand({ ...command, submissions: pending.map((item) => item.label), extraReporters: reporters });
  }
  for (const [twin, original] of twins)
    if (!(await recordIdentical(outDir, index, twin, original)))
      io.err.write(`${twin.id}: not recorded, because ${original.id}, whose content it has, has no grade\n`);
  const belowMin = items.some((item) => {
    const entry = index.entries.find((e) => e.id === item.id);
    return entry !== undefined && !meetsMinScore(entry.score, entry.maxScore, command.flags.minScore);
  });
  io.out.write(`index: ${resolve(outDir, 'index.md')} (${index.entries.length} submission(s))\n`);
  return exitCode === exitCodes.graded && belowMin ? exitCodes.belowMinScore : exitCode;
}

/** An id given with --id: it names a folder of the batch, so it must be a plain file name. */
function checkedId(id: string): string {
  if (/^[\w@-][\w.@-]*$/.test(id)) return id;
  throw new UsageError(
    'BCH_BAD_ID',
    `The id "${id}" cannot name a batch folder: use letters, digits and . _ @ - only, not starting with a dot (as \`bch ci matrix\` gives them).`,
  );
}
