// RabbitMQ, everything about it: its pinned image (the management image: vhosts are made through the management API)
// and container, the --amqp-url / AMQP_URL and --rabbitmq-management-url / RABBITMQ_MANAGEMENT_URL settings, a vhost
// and user of its own per grade (rabbitmq-space.ts), what `bch clean` removes (rabbitmq-leftovers.ts), and the admin
// client (management-api.ts). Only dependency-free modules are imported statically here: the machine set-up reads the
// registry before the harness's packages are installed (list-service-images.ts).
import { redact } from '../redact.ts';
import type { ServiceDefinition } from '../service-definition.ts';

const amqpPort = 5672;
const managementPort = 15672;
const adminUser = 'admin'; // not bch-*: those are grade users, which `bch clean` may remove

export interface RabbitmqEndpoint {
  url: string;
  managementUrl: string;
}

export const rabbitmqService = {
  scaffold: {
    env: [{ name: 'AMQP_URL', description: 'RabbitMQ, with the vhost in the URL' }],
    dependency: ['amqplib', '^2.3.1'],
    imports: "import amqp from 'amqplib';",
    connect: "const connection = await amqp.connect(required(env, 'AMQP_URL'));",
    ping: 'await (await connection.createChannel()).close();',
    close: 'await connection.close();',
  },
  name: 'rabbitmq',
  title: 'RabbitMQ',
  image: 'rabbitmq:4.1-management-alpine',
  urls: [
    { key: 'rabbitmq', option: 'amqpUrl', env: 'AMQP_URL', help: 'RabbitMQ' },
    {
      key: 'rabbitmqManagement',
      option: 'rabbitmqManagementUrl',
      env: 'RABBITMQ_MANAGEMENT_URL',
      help: 'its management API',
      standalone: true,
    },
  ],
  ports: [amqpPort, managementPort],
  localFlags: '--amqp-url amqp://guest:guest@localhost:5672',
  composeUrl: 'amqp://guest:guest@localhost:5672',
  async startContainer(context) {
    const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
    const container = await new RabbitMQContainer(context.image)
      .withEnvironment({ RABBITMQ_DEFAULT_USER: adminUser, RABBITMQ_DEFAULT_PASS: context.adminPassword })
      .withLabels(context.labels)
      .withStartupTimeout(60_000)
      .start();
    const host = container.getHost();
    return {
      container,
      endpoint: {
        url: `amqp://${adminUser}:${context.adminPassword}@${host}:${container.getMappedPort(amqpPort)}`,
        managementUrl: `http://${adminUser}:${context.adminPassword}@${host}:${container.getMappedPort(managementPort)}`,
      },
    };
  },
  /** The management API defaults to the AMQP host on port 15672, with the AMQP URL's credentials (guest/guest when it has none). */
  externalEndpoint(urls) {
    const amqp = new URL(urls.rabbitmq!);
    const user = amqp.username || 'guest';
    const password = amqp.password || 'guest';
    return {
      url: urls.rabbitmq!,
      managementUrl: urls.rabbitmqManagement ?? `http://${user}:${password}@${amqp.hostname}:${managementPort}`,
    };
  },
  openLogin: async (endpoint) => (await import('./rabbitmq-open-login.ts')).rabbitmqOpenLogin(endpoint.url),
  async createSpace(endpoint, grade, context) {
    const { createRabbitmqSpace } = await import('./rabbitmq-space.ts');
    const space = await createRabbitmqSpace(endpoint.url, endpoint.managementUrl, grade, { devAccess: context.devAccess === true });
    return {
      env: space.env,
      admin: { amqpUrl: space.url, rabbitmqManagementUrl: endpoint.managementUrl },
      release: space.release,
      ...(space.devUrls && { devUrls: space.devUrls }),
    };
  },
  leftovers: {
    where: (endpoint) => `RabbitMQ at ${redact(endpoint.managementUrl)}`,
    remove: async (endpoint) => (await import('./rabbitmq-leftovers.ts')).removeDeadRabbitmqSpaces(endpoint.managementUrl),
  },
} as const satisfies ServiceDefinition<RabbitmqEndpoint, { amqpUrl: string; rabbitmqManagementUrl: string }>;
