// The data directory holds emails, password hashes, the signing secret and every meeting, so it
// is the owner's alone: the directory 0700 and every file in it 0600, whatever the umask. What
// the relay creates it sets explicitly (the umask may strip bits but never adds them, and an odd
// umask could strip the owner's own). What already exists and is open to the group or others is
// refused with the command that fixes it, never silently chmodded: a shared copy may already have
// been read, and the operator should know.
import { chmodSync, closeSync, fchmodSync, fstatSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const GROUP_OR_OTHER_BITS = 0o077;

/** A data directory or a file in it that others could read (or that is not what it should be). */
export class DataDirectoryPermissionError extends Error {
  override readonly name = 'DataDirectoryPermissionError';
}

/** Creates the directory 0700 if it is missing; refuses an existing one others can enter. */
export function ensurePrivateDirectory(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (created !== undefined) {
    // Only the last component is the data directory; parents keep their umask-given modes.
    chmodSync(dir, PRIVATE_DIRECTORY_MODE);
    return;
  }
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new DataDirectoryPermissionError(`the data directory ${dir} is not a directory`);
  if ((stat.mode & GROUP_OR_OTHER_BITS) !== 0) {
    throw new DataDirectoryPermissionError(
      `the data directory ${dir} is open to other users (mode ${octal(stat.mode)}); ` +
        `run: chmod 700 ${dir} && chmod 600 ${dir}/*  (then restart the relay)`,
    );
  }
}

/** Refuses a file that exists and is readable or writable by the group or others; a missing one is fine. */
export function refuseSharedFile(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & GROUP_OR_OTHER_BITS) !== 0) {
    throw new DataDirectoryPermissionError(
      `${path} is open to other users (mode ${octal(mode)}); run: chmod 600 ${path}  (then restart the relay)`,
    );
  }
}

/** Creates the file 0600 when it is missing (an existing one is checked, never truncated). */
export function ensurePrivateFile(path: string): void {
  refuseSharedFile(path);
  const fd = openSync(path, 'a', PRIVATE_FILE_MODE);
  try {
    if (fstatSync(fd).size === 0) fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
