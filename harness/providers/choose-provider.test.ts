import { describe, expect, test } from 'vitest';
import { resolveSettings } from '../config/settings.ts';
import { BchError } from '../errors.ts';
import { chooseProvider } from './choose-provider.ts';

const docker = async () => true;
const noDocker = async () => false;

describe('chooseProvider', () => {
  test('auto picks external when every needed service has a URL', async () => {
    const settings = resolveSettings({ redisUrl: 'redis://localhost:6379' }, {});
    expect((await chooseProvider(settings, ['redis'], noDocker)).name).toBe('external');
  });

  test('auto picks containers when a URL is missing and Docker answers', async () => {
    const settings = resolveSettings({ redisUrl: 'redis://localhost:6379' }, {});
    expect((await chooseProvider(settings, ['redis', 'postgres'], docker)).name).toBe('containers');
  });

  test('a forced provider is used as asked', async () => {
    expect((await chooseProvider(resolveSettings({ services: 'containers', redisUrl: 'redis://x:1' }, {}), ['redis'], noDocker)).name).toBe(
      'containers',
    );
    expect((await chooseProvider(resolveSettings({ services: 'external' }, {}), ['redis'], docker)).name).toBe('external');
  });

  test('with neither, an environment error names both ways out', async () => {
    const error = await chooseProvider(resolveSettings({}, {}), ['redis'], noDocker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BchError);
    expect(error).toMatchObject({ kind: 'environment', code: 'BCH_NO_SERVICES' });
    expect((error as Error).message).toContain('start Docker');
    expect((error as Error).message).toContain('--services external');
  });

  test('without Docker, local services that answer on their usual ports are named with their flags, never used unasked', async () => {
    const found = async () => [{ service: 'redis' as const, port: 6379, flags: '--redis-url redis://localhost:6379' }];
    const error = await chooseProvider(resolveSettings({}, {}), ['redis'], noDocker, found).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'environment', code: 'BCH_NO_SERVICES' });
    expect((error as Error).message).toContain('Services answer on their usual local ports: redis on localhost:6379.');
    expect((error as Error).message).toContain('  --services external --redis-url redis://localhost:6379');
    const none = await chooseProvider(resolveSettings({}, {}), ['redis'], noDocker, async () => []).catch((e: unknown) => e);
    expect((none as Error).message).not.toContain('usual local ports');
  });
});
