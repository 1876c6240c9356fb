import { describe, expect, test } from 'vitest';
import { defaultImages } from '../services/service-registry.ts';
import { chooseImages } from './local-image-fallback.ts';

const map = { redis: 'bch-local/redis:abc', postgres: 'bch-local/postgres:def' };

describe('chooseImages', () => {
  test('a pinned image Docker lacks is replaced by the recorded stand-in Docker has, with a note', async () => {
    const choice = await chooseImages(defaultImages, ['redis'], map, async (image) => image === 'bch-local/redis:abc');
    expect(choice.images.redis).toBe('bch-local/redis:abc');
    expect(choice.images.postgres).toBe(defaultImages.postgres);
    expect(choice.notes).toEqual([
      `redis: ${defaultImages.redis} is not on this machine; using the local stand-in bch-local/redis:abc (from the set-up's image map)`,
    ]);
  });

  test('the pinned image is kept when Docker has it, when the stand-in is gone, or when none is recorded', async () => {
    expect((await chooseImages(defaultImages, ['redis'], map, async () => true)).images.redis).toBe(defaultImages.redis);
    expect((await chooseImages(defaultImages, ['redis'], map, async () => false)).images.redis).toBe(defaultImages.redis);
    expect((await chooseImages(defaultImages, ['rabbitmq'], map, async () => false)).notes).toEqual([]);
  });

  test('an image given by BCH_<SERVICE>_IMAGE is never replaced', async () => {
    const images = { ...defaultImages, redis: 'my/redis:1' };
    expect((await chooseImages(images, ['redis'], map, async (image) => image !== 'my/redis:1')).images.redis).toBe('my/redis:1');
  });
});
