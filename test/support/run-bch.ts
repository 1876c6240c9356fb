// Runs the real `bch` command as a child process, as a user or CI would, and reads its JSON results.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './variants.ts';
import type { JsonReport } from '../../harness/reporters/json-report-schema.ts';

export interface BchRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The JSON report (one object per graded submission), when one was written. */
  reports: JsonTestReport[];
}

/** A JSON report as bch wrote it (harness/reporters/json-report-schema.ts). */
export type JsonTestReport = JsonReport;

/** The environment a child `bch` gets: the test worker's, without vitest's own variables. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST'),
  );
  return { ...env, ...extra };
}

/** Runs bin/bch.js (the suite holds the machine-wide grade lock: test/support/grade-lock.ts). */
export async function runBch(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; json?: boolean } = {},
): Promise<BchRun> {
  const jsonFile = options.json === false ? undefined : join(await mkdtemp(join(tmpdir(), 'bch-report-')), 'results.json');
  const fullArgs = jsonFile ? [...args, '--json', jsonFile] : args;
  const command = [process.execPath, join(repoRoot, 'bin/bch.js'), ...fullArgs];
  const [file, ...rest] = command;
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      file,
      rest,
      {
        cwd: repoRoot,
        env: childEnv(options.env ?? {}),
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, out, err) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
        resolve({ exitCode: code, stdout: out, stderr: err });
      },
    );
  });
  let reports: JsonTestReport[] = [];
  if (jsonFile) {
    const text = await readFile(jsonFile, 'utf8').catch(() => undefined);
    if (text) {
      const parsed = JSON.parse(text) as JsonTestReport | JsonTestReport[];
      reports = Array.isArray(parsed) ? parsed : [parsed];
    }
  }
  return { exitCode, stdout, stderr, reports };
}

/** The machine's own services, the natural target of the external provider in tests. */
export const localServices = {
  postgres: process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  redis: process.env.BCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitmq: process.env.BCH_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
};

/** Flags that point `bch test` and `bch dev` at the machine's services. */
export const externalUrlFlags = [
  '--services',
  'external',
  '--database-url',
  localServices.postgres,
  '--redis-url',
  localServices.redis,
  '--amqp-url',
  localServices.rabbitmq,
];

/** Flags that point `bch grade` at the machine's services, which trust local connections (Postgres `trust`, a
 * password-less Redis, RabbitMQ's guest): a grade refuses them unless told (test/grade-credentials.test.ts). */
export const externalFlags = [...externalUrlFlags, '--allow-unauthenticated-services'];
