// Schema versions on SQLite's `PRAGMA user_version`. The pending migrations run at start in one
// transaction that also sets the new version, so a failure leaves the database as it was; a copy
// is taken first (beforeMigrating), since a migration that commits wrongly cannot be rolled back.
// A database newer than this code knows is refused: an older relay must not write a schema it
// does not understand.
import type { SqliteDatabase } from '../relay/storage/sqlite-database.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: SqliteDatabase): void;
}

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export interface MigrationPlan {
  readonly from: number;
  readonly to: number;
  readonly pending: readonly Migration[];
  /** False for a new, empty database: nothing to back up. */
  readonly hasData: boolean;
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export function planMigrations(db: SqliteDatabase, migrations: readonly Migration[], file: string): MigrationPlan {
  const from = schemaVersion(db);
  const to = latestVersion(migrations);
  if (from > to) {
    throw new SchemaTooNewError(`${file} has schema version ${from}, newer than this relay knows (${to}): run the relay that wrote it, or restore a backup`);
  }
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  return { from, to, pending, hasData: tables.n > 0 };
}

export function applyMigrations(db: SqliteDatabase, plan: MigrationPlan): void {
  if (plan.pending.length === 0) return;
  db.transaction(() => {
    for (const migration of plan.pending) {
      try {
        migration.up(db);
      } catch (error) {
        throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
    db.pragma(`user_version = ${plan.to}`);
  })();
}
