// The endpoints a sandboxed process may reach: the host and port of every URL in the environment it is given
// (its services' DATABASE_URL, REDIS_URL, AMQP_URL, and the check's helper servers: UPSTREAM_URL, PAYMENT_URL,
// the app registry inside blue-green's APP_COMMAND). The sandbox forwards exactly these ports, nothing else.

export interface Endpoint {
  /** The variable that named it (for messages). */
  variable: string;
  host: string;
  port: number;
  /** Whether the host is this machine's loopback, the only place the sandbox forwards to. */
  loopback: boolean;
}

/** The port a URL means when it names none, for the schemes a grade's environment uses. */
const defaultPorts: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'ws:': 80,
  'wss:': 443,
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'rediss:': 6379,
  'amqp:': 5672,
  'amqps:': 5671,
};

const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** Every distinct host:port named by a URL in the values of `env` (a value may hold several, e.g. a JSON command line). */
export function endpointsOf(env: Record<string, string>): Endpoint[] {
  const found = new Map<string, Endpoint>();
  for (const [variable, value] of Object.entries(env)) {
    for (const [text] of value.matchAll(urlPattern)) {
      const url = parse(text);
      if (!url) continue;
      const { host, port } = url;
      const key = `${host}:${port}`;
      if (!found.has(key)) found.set(key, { variable, host, port, loopback: isLoopback(host) });
    }
  }
  return [...found.values()];
}

/** `env` with the authority (host:port) of every URL whose endpoint `replace` maps replaced by what it returns; the
 * rest of each value (credentials, path, the JSON around a URL) is kept byte for byte. */
export function withEndpointsReplaced(
  env: Record<string, string>,
  replace: (host: string, port: number) => string | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env)) {
    result[variable] = value.replace(urlPattern, (text) => {
      const url = parse(text);
      if (!url) return text;
      const replacement = replace(url.host, url.port);
      if (replacement === undefined) return text;
      const start = text.indexOf('//') + 2;
      const end = text.slice(start).search(/[/?#]|$/) + start;
      const authority = text.slice(start, end);
      const at = authority.lastIndexOf('@');
      return `${text.slice(0, start)}${authority.slice(0, at + 1)}${replacement}${text.slice(end)}`;
    });
  }
  return result;
}

/** The host (without IPv6 brackets) and port a URL names, with the scheme's default port; undefined if it names none. */
function parse(text: string): { host: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const port = url.port ? Number(url.port) : defaultPorts[url.protocol];
  if (!url.hostname || port === undefined) return undefined;
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** localhost, 127.0.0.0/8 and ::1. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}
