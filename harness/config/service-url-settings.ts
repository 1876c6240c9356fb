// The URL settings of `--services external` and `bch clean`, one flag and one variable each, read from the service
// registry: --database-url / DATABASE_URL, --redis-url / REDIS_URL, --amqp-url / AMQP_URL,
// --rabbitmq-management-url / RABBITMQ_MANAGEMENT_URL.
import { UsageError } from '../errors.ts';
import type { UrlSetting } from '../services/service-definition.ts';
import {
  serviceNames,
  serviceRegistry,
  serviceUrlSettings,
  type ExternalUrlKey,
  type ServiceName,
  type UrlOption,
} from '../services/service-registry.ts';

/** The flag of a setting: `databaseUrl` → `--database-url`. */
export function flagOf(setting: Pick<UrlSetting, 'option'>): string {
  return `--${setting.option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The URLs given by flags (which win) or the environment; a value that is not a URL is a usage error. */
export function resolveExternalUrls(
  flags: Partial<Record<UrlOption, string>>,
  env: NodeJS.ProcessEnv,
): Partial<Record<ExternalUrlKey, string>> {
  const urls: Partial<Record<ExternalUrlKey, string>> = {};
  for (const setting of serviceUrlSettings) {
    const url = flags[setting.option] ?? (env[setting.env] || undefined);
    if (url === undefined) continue;
    if (!URL.canParse(url))
      throw new UsageError('BCH_BAD_URL', `The ${setting.key} URL "${url}" is not a URL (expected e.g. redis://localhost:6379).`);
    urls[setting.key] = url;
  }
  return urls;
}

/** The flags that point bch at this repository's docker-compose.yml services (all, or the ones given). */
export function composeFlags(names: readonly ServiceName[] = serviceNames): string {
  return names.map((name) => `${flagOf(serviceRegistry[name].urls[0])} ${serviceRegistry[name].composeUrl}`).join(' ');
}
