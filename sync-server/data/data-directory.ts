// The data directory is created and proved writable before anything opens a file in it (its
// modes are sync-server/private-files.ts's concern), so a bad one stops the start with one
// DataDirectoryError naming the path and the reason. Node's recursive mkdir loops forever under
// /proc, so the missing levels are created one at a time.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PRIVATE_DIRECTORY_MODE } from '../private-files.ts';
import { DATABASE_FILE, databasePath } from '../relay/storage/sqlite-database.ts';


export class DataDirectoryError extends Error {
  override readonly name = 'DataDirectoryError';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'the parent does not accept new directories',
  ENOTDIR: 'a path component is a file',
  ENOSPC: 'no space left on device',
};

/** "read-only file system (EROFS)": what an operator can act on, with the code to search for. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return `${REASONS[code] ?? (error as Error).message} (${code || 'error'})`;
}

function missingLevels(dir: string, what: string): string[] {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) throw new DataDirectoryError(`${what} ${dir} cannot be used: ${at} is not a directory`);
      return missing.reverse();
    } catch (error) {
      if (error instanceof DataDirectoryError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) {
        throw new DataDirectoryError(`${what} ${dir} cannot be used: ${at}: ${reason(error)}`);
      }
      missing.push(at);
    }
  }
}

/** Creates the directory if needed and proves it writable; returns its absolute path. `what`
 *  names it in errors (a backup's target is made the same way). */
export function prepareDataDirectory(dataDir: string, what = 'data directory'): string {
  const dir = resolve(dataDir);
  for (const level of missingLevels(dir, what)) {
    try {
      mkdirSync(level, { mode: PRIVATE_DIRECTORY_MODE });
    } catch (error) {
      throw new DataDirectoryError(`${what} ${dir} cannot be created: ${level}: ${reason(error)}`);
    }
  }
  try {
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirectoryError(`${what} ${dir} is not writable: ${reason(error)}`);
  }
  return dir;
}

/** For the data tools, which read a directory a relay made and must never create one. */
export function existingDataDirectory(dataDir: string): string {
  const dir = resolve(dataDir);
  try {
    if (statSync(dir).isDirectory()) return dir;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataDirectoryError(`data directory ${dir} ${missing ? 'does not exist' : `cannot be read: ${reason(error)}`}`);
  }
  throw new DataDirectoryError(`data directory ${dir} is not a directory`);
}

/** The database of an existing data directory; a directory without one is not a relay's. */
export function existingDatabase(dataDir: string): string {
  const file = databasePath(existingDataDirectory(dataDir));
  if (!existsSync(file)) throw new DataDirectoryError(`${dirname(file)} holds no ${DATABASE_FILE}: not a relay data directory`);
  return file;
}
