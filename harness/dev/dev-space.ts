// The services of a dev session, isolated like a grade's: one grade space (database and role, Redis index and
// prefix, vhost and user), its database copied from the challenge's data-set template when it has one, and the
// candidate's migrations applied before each start of the service whose migrations changed. Migrations are not
// assumed to be re-runnable: changed migrations get a fresh copy of the data set (a new DATABASE_URL), then all
// of them run, as in a grade.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Challenge } from '../challenge-spec/load-challenge.ts';
import { applyMigrations, migrationFiles } from '../services/postgres/apply-migrations.ts';
import { createGradeSpace, type GradeSpace } from '../services/grade-space.ts';
import { prepareTemplate } from '../services/postgres/postgres-template.ts';
import type { ServiceEndpoints } from '../services/service-provider.ts';

export type DevSpacePrepared = { ok: true; env: Record<string, string>; note?: string } | { ok: false; message: string };

export class DevSpace {
  readonly #challenge: Challenge;
  readonly #endpoints: ServiceEndpoints;
  readonly #name: string;
  readonly #template: string | undefined;
  #space: GradeSpace;
  /** The migrations the database holds (a fingerprint), undefined when it holds none or a failed set. */
  #applied: string | undefined;
  /** Whether any migration ran on the current copy (then a changed set needs a fresh copy). */
  #touched = false;

  private constructor(challenge: Challenge, endpoints: ServiceEndpoints, name: string, template: string | undefined, space: GradeSpace) {
    this.#challenge = challenge;
    this.#endpoints = endpoints;
    this.#name = name;
    this.#template = template;
    this.#space = space;
  }

  /** Seeds the data-set template if no run has yet (as a grade run does), then creates the space. */
  static async create(challenge: Challenge, endpoints: ServiceEndpoints, name: string, log: (line: string) => void): Promise<DevSpace> {
    const { manifest } = challenge;
    let template: string | undefined;
    if (manifest.dataset && endpoints.postgres && challenge.datasetSeedSql !== undefined) {
      log(`bch dev: preparing the data set of ${manifest.id} (the first time on this Postgres it is seeded, about a minute)…`);
      template = (
        await prepareTemplate(endpoints.postgres.url, {
          challengeId: manifest.id,
          seedSql: challenge.datasetSeedSql,
          seedValue: manifest.dataset.seedValue,
        })
      ).name;
    }
    const space = await createGradeSpace(endpoints, manifest.services, name, { postgresTemplate: template, devAccess: true });
    return new DevSpace(challenge, endpoints, name, template, space);
  }

  /** What the candidate's service receives now (DATABASE_URL, REDIS_URL, …). */
  get env(): Record<string, string> {
    return this.#space.env;
  }

  /** What the candidate may open to look inside their spaces (RabbitMQ's management UI for their vhost). */
  get devUrls(): { label: string; url: string }[] {
    return this.#space.devUrls;
  }

  /** The template the database was copied from, if any. */
  get template(): string | undefined {
    return this.#template;
  }

  /** Before a start of the service in `appDir`: applies the migrations if they changed (on a fresh copy when needed). */
  async prepare(appDir: string): Promise<DevSpacePrepared> {
    const folder = this.#challenge.manifest.submission.migrations;
    const databaseUrl = this.#space.env.DATABASE_URL;
    if (!folder || !databaseUrl) return { ok: true, env: this.env };
    const dir = join(appDir, folder);
    const fingerprint = migrationsFingerprint(dir);
    if (fingerprint === this.#applied) return { ok: true, env: this.env };
    let note: string | undefined;
    if (this.#touched) {
      await this.#space.release();
      this.#space = await createGradeSpace(this.#endpoints, this.#challenge.manifest.services, this.#name, {
        postgresTemplate: this.#template,
        devAccess: true,
      });
      note = `bch dev: your migrations changed: a fresh copy of the data set, new DATABASE_URL: psql '${this.#space.env.DATABASE_URL}'`;
    }
    this.#touched = true;
    this.#applied = undefined;
    const outcome = await applyMigrations(this.#space.env.DATABASE_URL!, dir);
    if (!outcome.ok) {
      return {
        ok: false,
        message: `your migration ${folder}/${outcome.file} failed: ${outcome.message}${outcome.applied.length ? ` (applied before it: ${outcome.applied.join(', ')})` : ''}`,
      };
    }
    this.#applied = fingerprint;
    return {
      ok: true,
      env: this.env,
      note: [note, `bch dev: migrations applied: ${outcome.applied.join(', ') || 'none'}`].filter(Boolean).join('\n'),
    };
  }

  release(): Promise<void> {
    return this.#space.release();
  }
}

/** The names and contents of a migrations folder's files, hashed. */
function migrationsFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const file of migrationFiles(dir)) hash.update(`${file}\0${readFileSync(join(dir, file), 'utf8')}\0`);
  return hash.digest('hex');
}
