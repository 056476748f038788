// Password hashing with scrypt from node:crypto, on libuv's thread pool (the async crypto.scrypt)
// so a sign-in never blocks the event loop. The stored form carries its own parameters
// (`scrypt$N$r$p$salt$hash`), so the defaults can be raised without breaking old accounts: an
// old hash still verifies, and needsRehash tells the caller to store a new one at the next
// successful sign-in, while the password is at hand.
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
/** scrypt needs 128 * N * r * p bytes; a stored hash may not make one check allocate more. */
const MAX_SCRYPT_BYTES = 1024 * 1024 * 1024;

interface StoredHash {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(params.saltLength);
  const hash = await derive(password, salt, params.cost, params.blockSize, params.parallelization, params.keyLength);
  const fields = [SCHEME, params.cost, params.blockSize, params.parallelization, salt.toString('base64url'), hash.toString('base64url')];
  return fields.join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { cost, blockSize, parallelization, salt, hash } = parse(stored);
  const actual = await derive(password, salt, cost, blockSize, parallelization, hash.length);
  return timingSafeEqual(actual, hash);
}

/** True when the stored hash was made with other parameters than the current ones. */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const parsed = parse(stored);
  return (
    parsed.cost !== params.cost ||
    parsed.blockSize !== params.blockSize ||
    parsed.parallelization !== params.parallelization ||
    parsed.hash.length !== params.keyLength ||
    parsed.salt.length !== params.saltLength
  );
}

function parse(stored: string): StoredHash {
  const fields = stored.split('$');
  if (fields.length !== FIELD_COUNT || fields[0] !== SCHEME) throw new PasswordHashFormatError('unknown password hash scheme');
  const [cost, blockSize, parallelization] = fields.slice(1, 4).map(Number);
  const salt = Buffer.from(fields[4] ?? '', 'base64url');
  const hash = Buffer.from(fields[5] ?? '', 'base64url');
  if (!cost || !blockSize || !parallelization || salt.length === 0 || hash.length === 0) {
    throw new PasswordHashFormatError('corrupt password hash');
  }
  if (scryptBytes(cost, blockSize, parallelization) > MAX_SCRYPT_BYTES) {
    throw new PasswordHashFormatError('password hash parameters beyond the memory bound');
  }
  return { cost, blockSize, parallelization, salt, hash };
}

function scryptBytes(N: number, r: number, p: number): number {
  return 128 * N * r * p;
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // Node's default maxmem is 32 MiB, below N = 2^17 with r = 8 (128 MiB): allow what the
  // parameters need, with headroom for scrypt's own bookkeeping.
  const maxmem = 2 * scryptBytes(N, r, p);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
