// Copies of the data directory. The database is copied with SQLite's online backup API, which
// reads a consistent snapshot while a relay goes on committing in another process: every update
// committed (and so acknowledged) before the copy began is in it. The other top-level files (the
// server secret, the stats token, the outbox) are copied beside it, so a relay started on the
// copy accepts the same sessions and tokens. Backups are 0700 directories of 0600 files. A backup
// that cannot be made (a damaged source, a full or read-only target) is one named error that says
// which side failed and why, and leaves no database copy that could pass for a good one.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DATABASE_FILE, databasePath, openExistingDatabase, type SqliteDatabase } from '../relay/storage/sqlite-database.ts';
import { PRIVATE_DIRECTORY_MODE as DATA_DIR_MODE, PRIVATE_FILE_MODE as FILE_MODE } from '../private-files.ts';
import { DataDirectoryError, existingDatabase, prepareDataDirectory, reason } from './data-directory.ts';
import { isDamage, readError, readingDatabase, sqliteProblem } from './database-read-error.ts';
import { schemaVersion } from './schema-migrations.ts';

/** Pages per backup step: everything at once, so a busy writer cannot keep restarting the copy. */
const ALL_PAGES = 0x7fffffff;
export const AUTOMATIC_BACKUPS_DIR = 'backups';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupSummary {
  readonly outDir: string;
  readonly schemaVersion: number;
  readonly files: readonly string[];
}

export async function copyDatabase(db: SqliteDatabase, outFile: string): Promise<void> {
  await db.backup(outFile, { progress: () => ALL_PAGES });
  // The copy inherits WAL mode, and SQLite opens a WAL file only where it may write its -shm, so
  // a backup could not be checked on read-only media or by another user. A rollback-journal copy
  // is one self-contained file; a relay started on it turns WAL on again.
  const copy = openExistingDatabase(outFile);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(outFile, FILE_MODE);
}

function isDatabaseFile(name: string): boolean {
  return name === DATABASE_FILE || name.startsWith(`${DATABASE_FILE}-`);
}

export async function backupDataDirectory(dataDir: string, outDir: string): Promise<BackupSummary> {
  const sourceDb = existingDatabase(dataDir);
  const target = resolve(outDir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupError(`backup target ${target} is not empty; choose a new directory`);
  makeTarget(target);
  try {
    return await copyInto(sourceDb, target);
  } catch (error) {
    // The target was new or empty: whatever is in it now is this backup's, and half of one must
    // not pass for a good one.
    for (const name of readdirSync(target)) rmSync(join(target, name), { recursive: true, force: true });
    throw error;
  }
}

async function copyInto(sourceDb: string, target: string): Promise<BackupSummary> {
  const db = await readingDatabase(sourceDb, () => openExistingDatabase(sourceDb));
  let version: number;
  try {
    version = await readingDatabase(sourceDb, () => schemaVersion(db));
    await copyDatabase(db, databasePath(target)).catch((error: unknown) => {
      if (isDamage(error)) throw readError(sourceDb, error);
      throw new BackupError(`cannot write the copy ${databasePath(target)}: ${sqliteProblem(error)}`, { cause: error });
    });
  } finally {
    db.close();
  }
  const source = dirname(sourceDb);
  const files: string[] = [DATABASE_FILE];
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (!entry.isFile() || isDatabaseFile(entry.name)) continue;
    try {
      copyFileSync(join(source, entry.name), join(target, entry.name));
      chmodSync(join(target, entry.name), FILE_MODE);
    } catch (error) {
      throw new BackupError(`cannot copy ${join(source, entry.name)} into ${target}: ${reason(error)}`, { cause: error });
    }
    files.push(entry.name);
  }
  return { outDir: target, schemaVersion: version, files };
}

/** A new 0700 directory; a target that cannot be made says why (read-only, not permitted). */
function makeTarget(target: string): void {
  try {
    prepareDataDirectory(target, 'backup target');
  } catch (error) {
    throw error instanceof DataDirectoryError ? new BackupError(error.message, { cause: error }) : error;
  }
  chmodSync(target, DATA_DIR_MODE);
}

/** The copy taken before migrating: the database alone (migrations touch nothing else). */
export async function automaticBackup(db: SqliteDatabase, dataDir: string, fromVersion: number, now = new Date()): Promise<string> {
  const dir = join(dataDir, AUTOMATIC_BACKUPS_DIR);
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${DATABASE_FILE.replace(/\.sqlite$/, '')}-v${fromVersion}-${stamp}.sqlite`);
  await copyDatabase(db, file);
  return file;
}
