// The management API's default address, as the README's configuration table gives it for RABBITMQ_MANAGEMENT_URL.
import { expect, test } from 'vitest';
import { rabbitmqService } from './rabbitmq-service.ts';

test('the management URL defaults to the AMQP host on port 15672 with the AMQP credentials, guest/guest without any', () => {
  expect(rabbitmqService.externalEndpoint({ rabbitmq: 'amqp://ops:s3cret@mq.internal:5673/v' }).managementUrl).toBe(
    'http://ops:s3cret@mq.internal:15672',
  );
  expect(rabbitmqService.externalEndpoint({ rabbitmq: 'amqp://mq.internal' }).managementUrl).toBe('http://guest:guest@mq.internal:15672');
  expect(
    rabbitmqService.externalEndpoint({ rabbitmq: 'amqp://mq.internal', rabbitmqManagement: 'https://admin:x@mgmt:443' }).managementUrl,
  ).toBe('https://admin:x@mgmt:443');
});
