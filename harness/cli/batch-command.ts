// `bch grade <challenge> <many> --out <dir>`: grades a batch into one folder per submission plus an index, and
// resumes: a submission whose content was already graded by the same challenge version is skipped (--force
// re-grades). Grades run one after another (see README: load checks are timing-sensitive).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readIndex, saveIndex } from '../batch/batch-index.ts';
import { BatchReporter, type BatchItem } from '../batch/batch-reporter.ts';
import { challengeVersion, sourceHash } from '../batch/content-hash.ts';
import { ProgressReporter } from '../batch/progress-reporter.ts';
import { submissionIds } from '../batch/submission-id.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { exitCodes } from '../errors.ts';
import { parseSubmissionSource } from '../submission/submission-source.ts';
import { gradeCommand, type GradeCommand } from './grade-command.ts';

/** Grades what is not graded yet, writes the files and the index, and returns the exit code. */
export async function batchCommand(command: GradeCommand & { outDir: string; force: boolean }): Promise<number> {
  const { io } = command;
  const challenge = loadChallenge(command.challenge);
  const sources = command.submissions.map((label) => parseSubmissionSource(label));
  const outDir = resolve(command.outDir);
  await mkdir(outDir, { recursive: true });
  const version = await challengeVersion(challenge.dir);
  const index = await readIndex(outDir, challenge.manifest.id);
  const ids = submissionIds(command.submissions);
  const items: BatchItem[] = [];
  for (const [i, source] of sources.entries())
    items.push({ id: ids[i], label: command.submissions[i], contentHash: await sourceHash(source) });
  const done = (item: BatchItem) =>
    index.entries.find(
      (e) => e.id === item.id && e.contentHash === item.contentHash && e.challengeVersion === version && e.status !== 'error',
    );
  const pending = command.force ? items : items.filter((item) => !done(item));
  const skipped = items.length - pending.length;
  if (skipped > 0)
    io.out.write(
      `skipping ${skipped} of ${items.length} submission(s) already graded with the same content by this challenge version (--force re-grades them): ${items
        .filter((i) => !pending.includes(i))
        .map((i) => i.id)
        .join(', ')}\n`,
    );
  await saveIndex(outDir, index);
  let exitCode: number = exitCodes.graded;
  if (pending.length > 0) {
    const reporters = [
      new ProgressReporter({
        out: io.out,
        total: items.length,
        skipped,
        color: Boolean((io.out as { isTTY?: boolean }).isTTY) && !io.env.CI && !io.env.NO_COLOR,
      }),
      new BatchReporter(outDir, index, pending, version),
    ];
    exitCode = await gradeCommand({ ...command, submissions: pending.map((item) => item.label), extraReporters: reporters });
  }
  const belowMin = items.some((item) => {
    const entry = index.entries.find((e) => e.id === item.id);
    return entry !== undefined && entry.score < command.flags.minScore;
  });
  io.out.write(`index: ${resolve(outDir, 'index.md')} (${index.entries.length} submission(s))\n`);
  return exitCode === exitCodes.graded && belowMin ? exitCodes.belowMinScore : exitCode;
}
