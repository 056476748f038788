// The relay's signing secret: 32 random bytes in the data directory, created once with mode 0600
// and reused on every start, so tokens survive restarts. A file that is the wrong size or
// readable by others is refused rather than silently replaced, because replacing it would
// invalidate every token and hide tampering.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory } from '../../data-directory.ts';
import { SecretFileError } from './access-errors.ts';

export const SECRET_BYTES = 32;
const OWNER_ONLY = 0o600;
const GROUP_OR_OTHER_BITS = 0o077;

export function loadOrCreateServerSecret(dataDir: string, fileName: string): Buffer {
  ensurePrivateDirectory(dataDir);
  const path = join(dataDir, fileName);
  const created = tryCreate(path);
  return created ?? readExisting(path);
}

/** The data directory's secret, checked as at start, or null when the relay never made one. */
export function readServerSecret(dataDir: string, fileName: string): Buffer | null {
  const path = join(dataDir, fileName);
  return existsSync(path) ? readExisting(path) : null;
}

function tryCreate(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'wx', OWNER_ONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  try {
    // The umask can only remove bits from 0600, but be explicit about the final mode.
    fchmodSync(fd, OWNER_ONLY);
    const secret = randomBytes(SECRET_BYTES);
    writeSync(fd, secret);
    return secret;
  } finally {
    closeSync(fd);
  }
}

function readExisting(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new SecretFileError(`${path} is not a regular file`);
    if ((stat.mode & GROUP_OR_OTHER_BITS) !== 0) {
      throw new SecretFileError(`${path} is readable by other users; run chmod 600 on it`);
    }
    if (stat.size !== SECRET_BYTES) {
      throw new SecretFileError(`${path} holds ${stat.size} bytes, expected ${SECRET_BYTES}; it is corrupt`);
    }
    const secret = Buffer.alloc(SECRET_BYTES);
    const read = readSync(fd, secret, 0, SECRET_BYTES, 0);
    if (read !== SECRET_BYTES) throw new SecretFileError(`${path} could not be read completely`);
    return secret;
  } finally {
    closeSync(fd);
  }
}
