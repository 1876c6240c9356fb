// jwt-rbac's stored-hash check (challenges/jwt-rbac/fixtures/password-hash.ts): a hash in each accepted format is
// recomputed from the password, and a text that only looks like one is refused.
import { argon2Sync, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { describe, expect, test } from 'vitest';
import { checkPasswordHash } from '../challenges/jwt-rbac/fixtures/password-hash.ts';
import { hashPassword } from '../solutions/jwt-rbac/src/passwords.ts';

const password = 'correct horse battery';
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

describe('checkPasswordHash', () => {
  test("the reference's scrypt hash, bcrypt, PBKDF2 and argon2 hashes of the password are recomputed", async () => {
    const salt = randomBytes(16);
    const hashes = [
      await hashPassword(password),
      await bcrypt.hash(password, 10),
      `$pbkdf2-sha256$i=100000$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 100_000, 32, 'sha256'))}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${b64(salt)}$${b64(argon2Sync('argon2id', { message: password, nonce: salt, parallelism: 1, tagLength: 32, memory: 19456, passes: 2 }))}`,
    ];
    for (const hash of hashes) expect(await checkPasswordHash(hash, password), hash).toMatchObject({ ok: true });
    expect((await checkPasswordHash(hashes[1].replace('$2b$', '$2y$'), password)).ok, '$2y$ is bcrypt too').toBe(true);
  });

  test('a text that only looks like a slow hash, or hashes another password, is refused', async () => {
    const fast = createHash('sha256').update(`salt${password}`).digest('base64').replace(/[+/=]/g, '.');
    const salt = randomBytes(16);
    const forged = [
      `$2b$12$${'abcdefghijklmnopqrstuv'}${fast.slice(0, 31)}`,
      await bcrypt.hash('another password', 10),
      (await hashPassword(password)).replace(/\$([^$]+)$/, `$${b64(randomBytes(64))}`),
      `$pbkdf2-sha256$i=1000$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 1000, 32, 'sha256'))}`,
      `$argon2id$v=19$m=4194304,t=3,p=1$${b64(salt)}$${b64(randomBytes(32))}`,
      'plain text',
    ];
    for (const hash of forged) expect(await checkPasswordHash(hash, password), hash).toMatchObject({ ok: false });
  });
});
