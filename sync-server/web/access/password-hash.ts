// Password hashing with scrypt from node:crypto. The stored form carries its own parameters
// (`scrypt$N$r$p$salt$hash`) so the defaults can be raised later without breaking old accounts.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptParams } from './access-config.ts';
import { PasswordHashFormatError } from './access-errors.ts';

const SCHEME = 'scrypt';
/** The stored hash of an account made by an OpenID sign-in, which has no password. */
export const NO_PASSWORD = '';

export function hasPassword(storedHash: string): boolean {
  return storedHash !== NO_PASSWORD;
}
const FIELD_COUNT = 6;

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(params.saltLength);
  const hash = await derive(password, salt, params.cost, params.blockSize, params.parallelization, params.keyLength);
  const fields = [SCHEME, params.cost, params.blockSize, params.parallelization, salt.toString('base64url'), hash.toString('base64url')];
  return fields.join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const fields = stored.split('$');
  if (fields.length !== FIELD_COUNT || fields[0] !== SCHEME) throw new PasswordHashFormatError('unknown password hash scheme');
  const [cost, blockSize, parallelization] = fields.slice(1, 4).map(Number);
  const salt = Buffer.from(fields[4] ?? '', 'base64url');
  const expected = Buffer.from(fields[5] ?? '', 'base64url');
  if (!cost || !blockSize || !parallelization || salt.length === 0 || expected.length === 0) {
    throw new PasswordHashFormatError('corrupt password hash');
  }
  const actual = await derive(password, salt, cost, blockSize, parallelization, expected.length);
  return timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // scrypt needs 128 * N * r * p bytes; allow exactly that plus headroom instead of Node's 32 MiB cap.
  const maxmem = 256 * N * r * p;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
