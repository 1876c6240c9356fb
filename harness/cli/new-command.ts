// `bch new <id> --services …`: scaffolds a challenge that passes `bch validate` (harness/scaffold/).
import { relative, sep } from 'node:path';
import { challengesRoot } from '../challenge-spec/load-challenge.ts';
import { scaffoldChallenge } from '../scaffold/scaffold-challenge.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';

export async function newCommand(id: string, flags: { services: string }, io: CliIo): Promise<number> {
  const services = flags.services
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const result = await scaffoldChallenge({ id, services, root: challengesRoot });
  const shown = (path: string) => (relative(process.cwd(), path).startsWith(`..${sep}`) ? path : relative(process.cwd(), path));
  io.out.write(`Created the challenge ${id}:\n${result.files.map((file) => `  ${shown(file)}\n`).join('')}`);
  io.out.write(`Next: write the statement (README.md) and the checks, then\n`);
  io.out.write(`  npx bch validate ${id}                     # seconds: manifest, tests, files, requirements, variants\n`);
  io.out.write(`  npx bch grade ${id} ${shown(result.referenceDir)} --quick   # the reference must score 100\n`);
  return 0;
}

/** Adds `bch new`. */
export function registerNewCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('new')
    .description(
      'scaffold a challenge that passes bch validate: manifest, statement, starter, reference, a public test, a hidden check, an empty variant list',
    )
    .argument('<id>', 'the new challenge id: lower-case letters, digits and dashes')
    .option('--services <names>', 'comma-separated: postgres, redis, rabbitmq', '')
    .action(async (id: string, flags: { services: string }) => {
      setExitCode(await newCommand(id, flags, io));
    });
}
