// `bch new <id> --services …`: scaffolds a challenge that passes `bch validate` (harness/scaffold/).
import { relative, sep } from 'node:path';
import { challengesRoot } from '../challenge/load-challenge.ts';
import { scaffoldChallenge } from '../scaffold/scaffold-challenge.ts';
import type { CliIo } from './cli-io.ts';

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
