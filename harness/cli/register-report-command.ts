// Declares `bch report` on the program (kept beside main.ts so main.ts only needs one line to add it).
import { Option, type Command } from 'commander';
import { audiences } from '../html-report/audience.ts';
import type { CliIo } from './cli-io.ts';
import { parseShare, reportCommand, type ReportFlags } from './report-command.ts';

/** Adds the `report` command; the action hands its exit code to `setExitCode`. */
export function registerReportCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('turn JSON results (bch grade --json) into one self-contained HTML report')
    .argument('<results...>', 'results files, or folders of *.json results')
    .requiredOption('--html <file>', 'where to write the HTML report')
    .addOption(
      new Option(
        '--audience <who>',
        'interviewer: everything, with a debrief guide; candidate: titles, results, points and load figures only',
      )
        .choices(audiences)
        .default('interviewer'),
    )
    .option(
      '--submission <id>',
      'only the grades of this submission (its id in a batch, its name in the report, its path as graded, or its last folders); required for a candidate copy of several grades',
    )
    .option(
      '--known <dir>',
      'a folder of known solutions, one per sub-folder (e.g. public ones found online), that similarity compares each submission with',
    )
    .option('--similarity-threshold <share>', 'show pairs with at least this share of fingerprints in common, 0 to 1', parseShare, 0.6)
    .option('--no-similarity', 'leave similarity out of the interviewer report')
    .option('--rubric <file>', 'your own rubric (YAML: scale, criteria): fields for your marks beside each grade in the interviewer report')
    .option('--marks <file>', 'a report page saved from the browser after marking (or its marks as JSON): the new report keeps those marks')
    .action(async (paths: string[], flags: ReportFlags) => {
      setExitCode(await reportCommand(paths, flags, io));
    });
}
