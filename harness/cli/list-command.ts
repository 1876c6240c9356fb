// `bch list`: the challenges with title, difficulty, time, skills and services.
import Table from 'cli-table3';
import { listChallengeIds, loadChallenge } from '../challenge-spec/load-challenge.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';

export function listCommand(flags: { json: boolean }, io: CliIo): number {
  const manifests = listChallengeIds().map((id) => loadChallenge(id).manifest);
  if (flags.json) {
    const rows = manifests.map(({ id, title, summary, difficulty, minutes, skills, services }) => ({
      id,
      title,
      summary,
      difficulty,
      minutes,
      skills,
      services,
    }));
    io.out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = new Table({
    head: ['id', 'title', 'difficulty', 'time', 'skills', 'services'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [16, 30, 12, 8, 34, 18],
  });
  for (const m of manifests) {
    table.push([m.id, m.title, m.difficulty, `${m.minutes} min`, m.skills.join(', '), m.services.join(', ') || '—']);
  }
  io.out.write(`${table.toString()}\n`);
  return 0;
}

/** Adds `bch list`. */
export function registerListCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('list')
    .description('list the challenges')
    .option('--json', 'as JSON', false)
    .action((flags: { json: boolean }) => {
      setExitCode(listCommand(flags, io));
    });
}
