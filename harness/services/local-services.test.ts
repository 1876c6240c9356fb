import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { localServicesAdvice, portAnswers, usualLocalServices } from './local-services.ts';

describe('local services', () => {
  test('portAnswers is true for a listening port and false once it is closed', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await portAnswers(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await portAnswers(port)).toBe(false);
  });

  test('the advice names the services found, flags them, and says when some needed one is missing', () => {
    const [postgres, redis] = usualLocalServices;
    expect(localServicesAdvice([], ['redis'])).toBeUndefined();
    const advice = localServicesAdvice([redis], ['redis', 'postgres'])!;
    expect(advice).toContain('redis on localhost:6379. (not every service this challenge needs)');
    expect(advice).toContain('--services external --redis-url redis://localhost:6379');
    expect(localServicesAdvice([postgres, redis], ['redis', 'postgres'])).not.toContain('not every');
  });
});
