// `ltm-relay check`: what an operator needs before and after an upgrade or a restore, read
// without writing: the schema version against the one this relay knows, and SQLite's
// integrity_check. Healthy means integrity "ok" and a version this relay can serve. A file SQLite
// finds damaged is reported as such (not healthy, exit 1); one it may not open is a named error.
import { openExistingDatabase } from '../relay/storage/sqlite-database.ts';
import { isDamage, readError, sqliteProblem } from './database-read-error.ts';
import { existingDatabase } from './data-directory.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { schemaVersion } from './schema-migrations.ts';

export interface CheckReport {
  readonly database: string;
  /** null when the file is too damaged to say. */
  readonly schemaVersion: number | null;
  readonly knownSchemaVersion: number;
  readonly integrity: readonly string[];
  readonly healthy: boolean;
}

export function checkDataDirectory(dataDir: string): CheckReport {
  const database = existingDatabase(dataDir);
  try {
    const db = openExistingDatabase(database, { readonly: true });
    try {
      const version = schemaVersion(db);
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
      const healthy = integrity.length === 1 && integrity[0] === 'ok' && version <= SCHEMA_VERSION;
      return { database, schemaVersion: version, knownSchemaVersion: SCHEMA_VERSION, integrity, healthy };
    } finally {
      db.close();
    }
  } catch (error) {
    if (isDamage(error)) return { database, schemaVersion: null, knownSchemaVersion: SCHEMA_VERSION, integrity: [sqliteProblem(error)], healthy: false };
    throw readError(database, error);
  }
}

export function formatCheckReport(report: CheckReport): string {
  const version = report.schemaVersion;
  const pending = version === null ? '' : version < report.knownSchemaVersion ? ' (migrated at the next start)' : version > report.knownSchemaVersion ? ' (newer than this relay)' : '';
  return [
    `database: ${report.database}`,
    `schema version: ${version ?? 'unreadable'}${pending}; this relay knows ${report.knownSchemaVersion}`,
    `integrity_check: ${report.integrity.join('; ')}`,
    `status: ${report.healthy ? 'ok' : 'FAILED'}`,
  ].join('\n');
}
