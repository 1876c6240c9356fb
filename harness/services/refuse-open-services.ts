// `bch grade` with the external provider refuses services that let anyone in as an admin without a secret:
// candidate code reaches its services' ports (the sandbox forwards them), so a Postgres with trust authentication,
// a password-less Redis or RabbitMQ's guest/guest would make it the admin of every grade's data, whatever
// credentials the grade space hands out. The operator may accept that on a disposable machine, in words.
import { UsageError } from '../errors.ts';
import { redact } from './redact.ts';
import type { StartedServices } from './service-provider.ts';
import { type ServiceName, serviceRegistry } from './service-registry.ts';

/** What to do about an open service, in every refusal. */
const fix =
  'Require passwords (Postgres: scram-sha-256 instead of trust in pg_hba.conf; Redis: requirepass, or an ACL default user that is off; ' +
  'RabbitMQ: delete the user guest or change its password) and pass admin URLs with them; or use --services containers ' +
  '(fresh services with generated passwords); or, on a disposable machine whose services hold nothing else, pass ' +
  '--allow-unauthenticated-services (or set BCH_ALLOW_UNAUTHENTICATED_SERVICES=1).';

/** Throws BCH_SERVICE_UNAUTHENTICATED (exit 2) naming each external service that lets an admin in without a secret. */
export async function refuseOpenServices(services: StartedServices, needed: readonly ServiceName[]): Promise<void> {
  if (services.provider !== 'external') return;
  const names = [...new Set(needed)];
  const found = await Promise.all(
    names.map(async (name) => {
      const endpoint = services.endpoints[name];
      if (!endpoint) return undefined;
      const how = await (serviceRegistry[name].openLogin as (e: typeof endpoint) => Promise<string | undefined>)(endpoint);
      return how && `${serviceRegistry[name].title} at ${redact(endpoint.url)}: ${how}`;
    }),
  );
  const open = found.filter((line): line is string => line !== undefined);
  if (open.length === 0) return;
  throw new UsageError(
    'BCH_SERVICE_UNAUTHENTICATED',
    `${open.length === 1 ? 'A service lets' : 'Services let'} anyone who reaches ${open.length === 1 ? 'it' : 'them'} in as an admin without a password:\n` +
      open.map((line) => `  ${line}\n`).join('') +
      "Candidate code reaches its services' ports from the sandbox, so it would be the admin of every grade's data (on Postgres, of the machine too, through COPY … TO PROGRAM).\n" +
      fix,
  );
}
