import { expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { defaultImages } from '../services/service-registry.ts';
import { resolveSettings } from './settings.ts';

test('flags win over the environment, which wins over defaults', () => {
  const settings = resolveSettings(
    { redisUrl: 'redis://flag:1' },
    { REDIS_URL: 'redis://env:2', DATABASE_URL: 'postgres://env/db', BCH_REDIS_IMAGE: 'my/redis:1' },
  );
  expect(settings.external).toMatchObject({ redis: 'redis://flag:1', postgres: 'postgres://env/db' });
  expect(settings.images).toEqual({ ...defaultImages, redis: 'my/redis:1' });
  expect(settings.provider).toBe('auto');
});

test('empty variables count as unset', () => {
  const settings = resolveSettings({}, { REDIS_URL: '', BCH_SERVICES: '', BCH_REDIS_IMAGE: '' });
  expect(settings.external.redis).toBeUndefined();
  expect(settings.provider).toBe('auto');
  expect(settings.images.redis).toBe(defaultImages.redis);
});

test('bad values are usage errors that say what is expected', () => {
  expect(() => resolveSettings({ services: 'kubernetes' }, {})).toThrow(
    new UsageError('BCH_BAD_SERVICES', '--services must be one of auto, containers, external, got "kubernetes".'),
  );
  expect(() => resolveSettings({}, { REDIS_URL: 'nope' })).toThrow(/The redis URL "nope" is not a URL/);
});

test('the result is frozen: configuration is resolved once', () => {
  expect(Object.isFrozen(resolveSettings({}, {}))).toBe(true);
});

test('password-less services are refused unless the flag or BCH_ALLOW_UNAUTHENTICATED_SERVICES=1 (or true) allows them', () => {
  expect(resolveSettings({}, {}).allowUnauthenticatedServices).toBe(false);
  expect(resolveSettings({}, { BCH_ALLOW_UNAUTHENTICATED_SERVICES: '0' }).allowUnauthenticatedServices).toBe(false);
  expect(resolveSettings({}, { BCH_ALLOW_UNAUTHENTICATED_SERVICES: '1' }).allowUnauthenticatedServices).toBe(true);
  expect(resolveSettings({}, { BCH_ALLOW_UNAUTHENTICATED_SERVICES: 'true' }).allowUnauthenticatedServices).toBe(true);
  expect(resolveSettings({ allowUnauthenticatedServices: true }, {}).allowUnauthenticatedServices).toBe(true);
});
