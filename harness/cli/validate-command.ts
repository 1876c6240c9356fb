// `bch validate [challenge...]`: checks challenges without grading them (harness/challenge-spec/validate-challenge.ts)
// and lists every problem at once; exit 2 when a challenge is invalid. `--json` prints the findings as data.
import { join } from 'node:path';
import type { Settings } from '../config/settings.ts';
import { exitCodes } from '../errors.ts';
import { assertKnownChallenge, challengesRoot, listChallengeIds } from '../challenge-spec/load-challenge.ts';
import { validateChallenges } from '../challenge-spec/validate-challenge.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';

export async function validateCommand(ids: string[], flags: { json: boolean }, settings: Settings, io: CliIo): Promise<number> {
  const started = Date.now();
  const chosen = ids.length > 0 ? [...new Set(ids)] : listChallengeIds();
  for (const id of chosen) assertKnownChallenge(id);
  const results = await validateChallenges(chosen, { root: challengesRoot, cacheDir: join(settings.workRoot, 'vite-cache') });
  const invalid = results.some((r) => r.findings.some((f) => f.level === 'problem'));
  const durationMs = Date.now() - started;
  if (flags.json) {
    const challenges = results.map((r) => ({ ...r, valid: !r.findings.some((f) => f.level === 'problem') }));
    io.out.write(`${JSON.stringify({ valid: !invalid, durationMs, challenges }, null, 2)}\n`);
  } else {
    for (const { challenge, findings } of results) {
      const problems = findings.filter((f) => f.level === 'problem').length;
      const todos = findings.length - problems;
      const verdict = problems > 0 ? `invalid, ${problems} problem${problems === 1 ? '' : 's'}` : 'valid';
      io.out.write(`${challenge}: ${verdict}${todos > 0 ? `, ${todos} to do` : ''}\n`);
      for (const f of findings) io.out.write(`  ${f.level === 'problem' ? '✗' : 'to do'} ${f.file}: ${f.message}\n`);
    }
    io.out.write(`${results.length} challenge${results.length === 1 ? '' : 's'} validated in ${(durationMs / 1000).toFixed(1)} s\n`);
  }
  return invalid ? exitCodes.challenge : 0;
}

/** Adds `bch validate`. */
export function registerValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description(
      'check challenges without grading them, in seconds: manifest, check ids against the tests, starter and reference files, README requirements, debriefs, variants (all when none is named)',
    )
    .argument('[challenge...]', 'challenge ids (see `bch list`)')
    .option('--json', 'print the findings as JSON', false)
    .action(async (challenges: string[], flags: { json: boolean }) => {
      setExitCode(await validateCommand(challenges, flags, resolveSettings({}, io.env), io));
    });
}
