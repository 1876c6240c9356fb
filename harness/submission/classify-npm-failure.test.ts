// npm's failure output, as npm 11 prints it, sorted into the environment's failures and the submission's.
import { expect, test } from 'vitest';
import { classifyNpmFailure } from './classify-npm-failure.ts';

const npm = (...lines: string[]) => lines.map((line) => `npm error ${line}`).join('\n');

test.each([
  [
    'a 503 from the registry',
    npm('code E503', '503 Service Unavailable - GET https://registry.example/zod'),
    'environment',
    'E503: 503 Service Unavailable - GET https://registry.example/zod',
  ],
  [
    'a TLS interception without its CA',
    npm(
      'code SELF_SIGNED_CERT_IN_CHAIN',
      'errno SELF_SIGNED_CERT_IN_CHAIN',
      'request to https://registry.npmjs.org/zod failed, reason: self-signed certificate in certificate chain',
    ),
    'environment',
    'SELF_SIGNED_CERT_IN_CHAIN: request to https://registry.npmjs.org/zod failed',
  ],
  [
    'DNS',
    npm(
      'code ENOTFOUND',
      'syscall getaddrinfo',
      'errno ENOTFOUND',
      'network request to https://nope.invalid/zod failed, reason: getaddrinfo ENOTFOUND nope.invalid',
    ),
    'environment',
    'ENOTFOUND: network request to https://nope.invalid/zod failed',
  ],
  [
    'a package that does not exist',
    npm('code E404', '404 Not Found - GET https://registry.npmjs.org/zodd - Not found', "404  'zodd@^1' is not in this registry."),
    'candidate',
    'is not in the registry (404 Not Found - GET https://registry.npmjs.org/zodd - Not found)',
  ],
  [
    'a wrong checksum',
    npm('code EINTEGRITY', 'sha512-abc integrity checksum failed when using sha512: wanted sha512-abc but got sha512-def.'),
    'candidate',
    "a package's checksum does not match package-lock.json",
  ],
  [
    'a lockfile mismatch, without the usage text',
    npm(
      'code EUSAGE',
      '',
      '`npm ci` can only install packages when your package.json and package-lock.json are in sync.',
      '',
      'Missing: zod@3.25.76 from lock file',
      "Invalid: lock file's ms@2.0.0 does not satisfy ms@2.1.3",
      '',
      'Clean install a project',
      'Usage:',
      'npm ci',
    ),
    'candidate',
    "package-lock.json does not match package.json: Missing: zod@3.25.76 from lock file; Invalid: lock file's ms@2.0.0 does not satisfy ms@2.1.3. Run `npm install`",
  ],
])('%s', (_name, output, kind, message) => {
  const failure = classifyNpmFailure(output);
  expect(failure.kind).toBe(kind);
  expect(failure.message).toContain(message);
  expect(failure.message).not.toContain('Usage:');
});
