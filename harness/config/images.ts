// The container images each service is started from: pinned here and nowhere else.
// Override one with BCH_POSTGRES_IMAGE, BCH_REDIS_IMAGE or BCH_RABBITMQ_IMAGE (see harness/config/settings.ts).
export const defaultImages = {
  postgres: 'postgres:17-alpine',
  redis: 'redis:7.4-alpine',
  rabbitmq: 'rabbitmq:4.1-management-alpine',
} as const;

export type ServiceName = keyof typeof defaultImages;
