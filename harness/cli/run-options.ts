// The options shared by the commands that run a submission (`grade`, `test`, `dev`), and the score argument.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { providerChoices } from '../config/settings.ts';
import { sandboxModes } from '../sandbox/sandbox-plan.ts';
import { addServiceUrlOptions } from './service-url-options.ts';

/** The options of the commands that run a submission (grade, test, dev): services, sandbox, reports. */
export const runOptions = (command: Command): Command =>
  addServiceUrlOptions(
    command.addOption(
      new Option('--services <provider>', 'where services come from')
        .choices(providerChoices)
        .default(undefined, 'auto: external when URLs are given, else containers'),
    ),
    'a running',
  )
    .option('--quick', 'short load runs (CI); thresholds are unchanged', false)
    .option('--keep-work', "keep each grade's work folder for debugging", false)
    .addOption(
      new Option('--sandbox <mechanism>', 'how candidate code is contained (or BCH_SANDBOX)')
        .choices(sandboxModes)
        .default(undefined, 'auto: bwrap for grades, none for bch test'),
    )
    .option('--json <file>', 'write results as JSON (Exercism results.json v3 shape, extended)')
    .option('--junit <file>', 'write results as JUnit XML')
    .option('--markdown <file>', 'write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)');

/** A score argument: a number from 0 to 100. */
export function parseScore(value: string): number {
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a number from 0 to 100.');
  return score;
}
