// `bch similarity <results…>`: how alike the graded submissions are, per challenge, with one another and with the
// reference, the shipped variants and any known solutions; the same comparison `bch report` shows interviewers.
import type { Command } from 'commander';
import { exitCodes } from '../errors.ts';
import { readResults } from '../html-report/read-results.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { readGradedSources } from '../similarity/graded-sources.ts';
import { similarityOfGrades } from '../similarity/similarity-of-grades.ts';
import type { CliIo } from './cli-io.ts';
import { parseShare } from './report-command.ts';

export interface SimilarityFlags {
  known?: string;
  threshold: number;
  json?: string;
}

export async function similarityCommand(paths: string[], flags: SimilarityFlags, io: CliIo): Promise<number> {
  const grades = readResults(paths);
  const sources = await readGradedSources(grades);
  const results = similarityOfGrades({
    grades,
    sources,
    ...(flags.known ? { knownDir: flags.known } : {}),
    options: { threshold: flags.threshold },
  });
  for (const { challengeId, result, skipped, durationMs } of results) {
    const candidates = new Set(result.pairs.map((p) => p.left)).size;
    io.out.write(
      `${challengeId}: ${candidates} candidates compared in ${durationMs} ms; pairs at or above ${Math.round(result.options.threshold * 100)} %:\n`,
    );
    if (result.flagged.length === 0) io.out.write('  none\n');
    for (const p of result.flagged)
      io.out.write(
        `  ${p.left}  ~  ${p.right} (${p.rightRole})  ${p.identical ? 'identical' : `${Math.round(p.similarity * 100)} %`}, longest run ${p.longest}\n`,
      );
    for (const group of result.clusters) io.out.write(`  group: ${group.join(', ')}\n`);
    for (const reason of skipped) io.out.write(`  left out: ${reason}\n`);
  }
  io.out.write('Similarity is a reason to ask, not proof; `bch report` shows the shared fragments side by side.\n');
  if (flags.json) await writeReportFile(flags.json, `${JSON.stringify(results, null, 2)}\n`);
  return exitCodes.graded;
}

/** Adds `bch similarity`. */
export function registerSimilarityCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('similarity')
    .description('compare graded submissions with one another and with known solutions (a reason to ask, not proof)')
    .argument('<results...>', 'results files, folders of *.json results, or batch folders')
    .option('--known <dir>', 'a folder of known solutions, one per sub-folder (e.g. public ones found online)')
    .option('--threshold <share>', 'show pairs with at least this share of fingerprints in common, 0 to 1', parseShare, 0.6)
    .option('--json <file>', 'also write every pair, with the shared fragments of those shown, as JSON')
    .action(async (paths: string[], flags: SimilarityFlags) => {
      setExitCode(await similarityCommand(paths, flags, io));
    });
}
