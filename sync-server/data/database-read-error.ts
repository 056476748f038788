// The data tools (check, backup, migrate-to-postgres) read a database a relay made. SQLite's own
// refusals (a damaged file, a file that is not a database, a directory SQLite may not write its
// -shm file into) become one named error naming the file, SQLite's words and its code, instead
// of a bare SqliteError that says neither which file nor what to do.
import { DATABASE_FILE } from '../relay/storage/sqlite-database.ts';

export class DatabaseReadError extends Error {
  override readonly name = 'DatabaseReadError';
}

/** SQLite's codes for a file whose contents are broken, as opposed to one it may not open. */
const DAMAGE = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function isSqliteError(error: unknown): boolean {
  return sqliteCode(error) !== null;
}

export function isDamage(error: unknown): boolean {
  return DAMAGE.has(sqliteCode(error) ?? '');
}

/** "file is not a database (SQLITE_NOTADB)", with the way out where there is an obvious one. */
export function sqliteProblem(error: unknown): string {
  const code = sqliteCode(error);
  const words = `${(error as Error).message} (${code ?? 'error'})`;
  if (code?.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return `${words}; SQLite writes ${DATABASE_FILE}-shm beside a database in WAL mode, so run this as the directory's owner`;
  }
  if (DAMAGE.has(code ?? '')) return `${words}; the file is damaged: restore a backup`;
  return words;
}

/** SQLite's refusal to read `file` as a DatabaseReadError; any other error as it is. */
export function readError(file: string, error: unknown): unknown {
  return isSqliteError(error) ? new DatabaseReadError(`cannot read the database ${file}: ${sqliteProblem(error)}`, { cause: error }) : error;
}

/** Runs a read of `file`, turning SQLite's refusals into a DatabaseReadError. */
export async function readingDatabase<T>(file: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw readError(file, error);
  }
}
