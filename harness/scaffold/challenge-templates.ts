// The files of a new challenge (`bch new`): a manifest, a statement with requirement markers, a starter and a
// reference that differ in one handler, one public test, one hidden check, and an empty variant list. Together
// they pass `bch validate`, and the reference grades 100.
import { byService, type ServiceName, serviceRegistry } from '../services/service-registry.ts';

export interface TemplateRequest {
  id: string;
  services: readonly ServiceName[];
  /** The testkit's index as the challenge's test folders import it (a relative path). */
  testkitImport: string;
}

export interface ChallengeFiles {
  /** Relative to the challenge folder. */
  challenge: Record<string, string>;
  /** Relative to the reference solution's folder. */
  reference: Record<string, string>;
}

/** What each service adds: its scaffold parts, kept with the rest of the service in services/<name>/. */
const serviceParts = byService((name) => serviceRegistry[name].scaffold);

/** Every file of a new challenge and of its reference solution. */
export function challengeFiles(request: TemplateRequest): ChallengeFiles {
  const packageJson = (role: string) =>
    `${JSON.stringify({ name: `${request.id}-${role}`, private: true, type: 'module', dependencies: Object.fromEntries(request.services.map((s) => serviceParts[s].dependency)) }, null, 2)}\n`;
  return {
    challenge: {
      'challenge.yaml': manifest(request),
      'README.md': statement(request),
      'variants.yaml': variantList(request),
      'starter/package.json': packageJson('starter'),
      'starter/src/server.ts': server(request),
      'starter/src/app.ts': app(request, false),
      'starter/src/services.ts': services(request),
      'starter/test/app.test.ts': ownTest(),
      'public/basics.test.ts': publicTest(request),
      'hidden/greeting.test.ts': hiddenCheck(request),
    },
    reference: {
      'package.json': packageJson('solution'),
      'src/server.ts': server(request),
      'src/app.ts': app(request, true),
      'src/services.ts': services(request),
    },
  };
}

function title(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function servicesText(services: readonly ServiceName[]): string {
  return services.length === 0 ? 'nothing else' : services.join(' and ').replace(' and ', services.length > 2 ? ', ' : ' and ');
}

function manifest({ id, services }: TemplateRequest): string {
  const env = [{ name: 'PORT', description: 'the port to listen on' }, ...services.flatMap((s) => serviceParts[s].env)];
  return `# ${id}: scaffolded by \`bch new\`. Replace the greeting with the real task; \`bch validate ${id}\` says what is missing.
id: ${id}
title: ${title(id)}
summary: To be written — what the candidate builds, in one sentence.
difficulty: medium
minutes: 120
skills: [http${services.map((s) => `, ${s}`).join('')}]
services: [${services.join(', ')}]

submission:
  entry: src/server.ts
  readiness: { path: /health, timeoutMs: 10000 }
  env:
${env.map((v) => `    - { name: ${v.name}, description: ${JSON.stringify(v.description)} }`).join('\n')}

checks:
  - { id: greets-by-name, title: "GET /greeting greets by name, and refuses a missing name", category: correctness, weight: 100, timing: none, requirements: [health, greeting, greeting-needs-name],
      debrief: {
        passed: ["Where would you validate input in a larger service, and how would the error reach the client?"],
        failed: ["What does your service answer to GET /greeting?name=Ada, and what does the statement ask for?"] } }
`;
}

function statement({ id, services }: TemplateRequest): string {
  return `# ${title(id)}

> Scaffolded by \`bch new\`: replace this statement with the real task. End every testable sentence with an
> invisible requirement marker, and list its id under a check's \`requirements\` in \`challenge.yaml\` (or under
> \`untested\`, with the reason). \`bch validate ${id}\` checks both.

Build a small HTTP service that uses ${servicesText(services)}.

## What to build

- \`GET /health\` answers 200 once the service can reach ${servicesText(services)}. <!-- req: health -->
- \`GET /greeting?name=<name>\` answers 200 with \`{ "greeting": "Hello, <name>!" }\`. <!-- req: greeting -->
- Without a \`name\`, \`GET /greeting\` answers 400. <!-- req: greeting-needs-name -->

## Your own tests

\`test/app.test.ts\` is an example of your own tests: it calls the app (\`src/app.ts\`) in-process with supertest
and runs with vitest. They are part of your submission: the interviewer reads them (what you chose to test, and
how). This challenge does not score them.

## Running the public tests

\`\`\`sh
npx bch test ${id} <your folder>
\`\`\`
`;
}

function variantList({ id }: TemplateRequest): string {
  return `# Known-bad variants of solutions/${id}: each patch in variants/ must lose exactly the checks under \`loses\`.
# A patch is a unified diff relative to the solution root (\`--- a/src/x.ts\`, \`+++ b/src/x.ts\`).
# To be filled: at least 8 before the challenge ships (until then \`bch validate\` lists the empty list as a to-do).
[]
`;
}

function services({ services }: TemplateRequest): string {
  const parts = services.map((s) => serviceParts[s]);
  const body = (lines: string[]) => (lines.length === 0 ? '' : `\n${lines.map((line) => `      ${line}`).join('\n')}\n    `);
  return `// Connections to the services the challenge declares; GET /health pings them.
${parts.map((p) => p.imports).join('\n')}${parts.length > 0 ? '\n' : ''}
export interface Services {
  /** Throws when a service does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectServices(env: NodeJS.ProcessEnv): Promise<Services> {
${parts.map((p) => `  ${p.connect}`).join('\n')}${parts.length > 0 ? '\n' : ''}  return {
    async ping() {${body(parts.map((p) => p.ping))}},
    async close() {${body(parts.map((p) => p.close))}},
  };
}

export function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(\`\${name} is missing\`);
  return value;
}
`;
}

function app({ id }: TemplateRequest, reference: boolean): string {
  const greeting = reference
    ? `      const name = url.searchParams.get('name');
      if (!name) return send(400, { error: 'name is required' });
      return send(200, { greeting: \`Hello, \${name}!\` });`
    : `      // TODO: answer { "greeting": "Hello, <name>!" }, and 400 without a name (see README.md).
      return send(501, { error: 'not implemented' });`;
  return `// The ${id} service's HTTP interface, apart from listening, so that tests can call it in-process
// (test/app.test.ts, with supertest): GET /health answers 200 once the services answer; GET /greeting greets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from './services.ts';

/** The request handler (for http.createServer), answering with the services it is given. */
export function createApp(services: Pick<Services, 'ping'>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health') {
      try {
        await services.ping();
        return send(200, { status: 'ok' });
      } catch (error) {
        return send(503, { status: 'unavailable', error: (error as Error).message });
      }
    }
    if (req.method === 'GET' && url.pathname === '/greeting') {
${greeting}
    }
    send(404, { error: 'no such route' });
  };
}
`;
}

function server({ id }: TemplateRequest): string {
  return `// The ${id} service's process: its connections and its port. The HTTP interface is ./app.ts.
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { connectServices } from './services.ts';

const port = Number(process.env.PORT ?? 3000);
const services = await connectServices(process.env);

const server = createServer(createApp(services));
server.listen(port, () => console.log(\`listening on port \${port}\`));

process.once('SIGTERM', () => {
  server.close();
  void services.close().finally(() => process.exit(0));
});
`;
}

function ownTest(): string {
  return `// Your own tests: an example. It calls the app in-process with supertest, with stand-ins for the services, and
// runs with vitest. Write your own beside it: they are part of your submission, and the interviewer reads them.
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from '../src/app.ts';

test('GET /health answers 503 with the reason while a service does not answer', async () => {
  const app = createApp({
    ping: async () => {
      throw new Error('connection refused');
    },
  });
  const response = await request(app).get('/health');
  expect(response.status).toBe(503);
  expect(response.body).toEqual({ status: 'unavailable', error: 'connection refused' });
});
`;
}

function publicTest({ id, testkitImport }: TemplateRequest): string {
  return `// Public tests: run them with \`npx bch test ${id} <your folder>\`. They cover the basics only; the hidden
// checks that grade you go further (see README.md).
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ServiceInstance } from '${testkitImport}';

test('GET /greeting?name=Ada answers with the greeting', async () => {
  const service = await ServiceInstance.start();
  try {
    const reply = await fetch(\`\${service.url}/greeting?name=Ada\`);
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), { greeting: 'Hello, Ada!' });
  } finally {
    await service.stop();
  }
});
`;
}

function hiddenCheck({ testkitImport }: TemplateRequest): string {
  return `// Hidden checks: one check('<id>', …) per check of challenge.yaml, scored by its weight. The instance a check
// starts is stopped when the check ends, and its output is shown when it fails.
import assert from 'node:assert/strict';
import { check, ServiceInstance } from '${testkitImport}';

check('greets-by-name', async () => {
  const service = await ServiceInstance.start();
  const health = await fetch(\`\${service.url}/health\`);
  assert.equal(health.status, 200, 'GET /health answers 200 once the services answer');
  const reply = await fetch(\`\${service.url}/greeting?name=Ada\`);
  assert.equal(reply.status, 200, 'GET /greeting?name=Ada answers 200');
  assert.deepEqual(await reply.json(), { greeting: 'Hello, Ada!' }, 'GET /greeting?name=Ada');
  const unnamed = await fetch(\`\${service.url}/greeting\`);
  assert.equal(unnamed.status, 400, 'GET /greeting without a name answers 400');
});
`;
}
