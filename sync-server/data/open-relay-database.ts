// Opens the relay's database for serving: the data directory is created and checked first, the
// schema is brought to this relay's version (after an automatic copy into <data>/backups/ when
// there is data to migrate), and a database newer than this relay is refused before anything
// writes to it. Every failure is one named error that names the path.
import type { SqliteSynchronous } from '../config.ts';
import type { Logger } from '../logger.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../relay/storage/sqlite-database.ts';
import { DataDirectoryPermissionError } from '../private-files.ts';
import { automaticBackup } from './data-backup.ts';
import { prepareDataDirectory } from './data-directory.ts';
import { MIGRATIONS } from './migrations.ts';
import { applyMigrations, planMigrations } from './schema-migrations.ts';

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

export interface OpenedDatabase {
  readonly db: SqliteDatabase;
  readonly dataDir: string;
}

export async function openRelayDatabase(dataDir: string, synchronous: SqliteSynchronous, logger: Pick<Logger, 'info'>): Promise<OpenedDatabase> {
  const dir = prepareDataDirectory(dataDir);
  const file = databasePath(dir);
  let db: SqliteDatabase;
  try {
    db = openDatabase(file, synchronous);
  } catch (error) {
    // Already named, with the path and the fix.
    if (error instanceof DataDirectoryPermissionError) throw error;
    throw new DatabaseOpenError(`cannot open the database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const plan = planMigrations(db, MIGRATIONS, file);
    if (plan.pending.length > 0) {
      const backup = plan.hasData ? await automaticBackup(db, dir, plan.from) : null;
      applyMigrations(db, plan);
      logger.info({ from: plan.from, to: plan.to, backup }, 'database schema migrated');
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, dataDir: dir };
}
