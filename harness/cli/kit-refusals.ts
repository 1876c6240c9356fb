// In a candidate kit, the commands that belong to the grading repository (new, validate, pack, ci, results,
// report, list) are not listed by `bch --help`, and each says where it belongs and writes nothing.
import type { Command } from 'commander';
import type { KitMarker } from '../candidate-kit/kit-marker.ts';
import { UsageError } from '../errors.ts';

const interviewerCommands: Record<string, string> = {
  new: 'writes a new challenge',
  validate: 'checks challenges and their hidden tests',
  pack: 'packs candidate kits',
  ci: 'writes the grading workflow',
  results: 'merges graded batches',
  report: 'turns grades into an HTML report',
  similarity: 'compares graded submissions',
  list: 'lists the challenges',
};

export function registerKitRefusals(program: Command, kit: KitMarker): void {
  for (const [name, what] of Object.entries(interviewerCommands)) {
    program
      .command(name, { hidden: true })
      .argument('[arguments...]')
      .allowUnknownOption()
      .helpOption(false)
      .action(() => {
        throw new UsageError(
          'BCH_NOT_IN_KIT',
          `\`bch ${name}\` ${what}: it belongs to the grading repository, not to this candidate kit for "${kit.challenge}", and did nothing here.\n` +
            `In the kit: npm test (the public tests), npx bch dev ${kit.challenge} ${kit.workingFolder} (the local loop), npx bch doctor, npx bch bundle (the archive to send).`,
        );
      });
  }
}
