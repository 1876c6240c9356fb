// The services a machine may already run on their usual local ports, and the flags that point bch at them.
// Only named in advice (doctor, BCH_NO_SERVICES): bch never uses them without being asked.
import { connect } from 'node:net';
import { serviceNames, serviceRegistry, type ServiceName } from './service-registry.ts';

export interface LocalService {
  service: ServiceName;
  port: number;
  /** The flags that select it for `--services external`. */
  flags: string;
}

export const usualLocalServices: readonly LocalService[] = serviceNames.map((service) => ({
  service,
  port: serviceRegistry[service].ports[0],
  flags: serviceRegistry[service].localFlags,
}));

/** Whether something accepts a TCP connection on host:port within the time limit. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The usual local services (of those asked for) that answer on this machine. */
export async function findLocalServices(
  services: readonly ServiceName[] = usualLocalServices.map((s) => s.service),
): Promise<LocalService[]> {
  const candidates = usualLocalServices.filter((s) => services.includes(s.service));
  const answers = await Promise.all(candidates.map((s) => portAnswers(s.port)));
  return candidates.filter((_, i) => answers[i]);
}

/** The advice to use local services that answer: one line naming them, one with the command line flags. */
export function localServicesAdvice(found: readonly LocalService[], needed: readonly ServiceName[]): string | undefined {
  if (found.length === 0) return undefined;
  const names = found.map((s) => `${s.service} on localhost:${s.port}`).join(', ');
  const complete = needed.every((name) => found.some((s) => s.service === name));
  return (
    `Services answer on their usual local ports: ${names}.${complete ? '' : ' (not every service this challenge needs)'} To use them (bch never does unasked), add:\n` +
    `  --services external ${found.map((s) => s.flags).join(' ')}`
  );
}
