// `ltm-relay check`: what an operator needs before and after an upgrade or a restore, read
// without writing: the schema version against the one this relay knows, and SQLite's
// integrity_check. Healthy means integrity "ok" and a version this relay can serve.
import { openExistingDatabase } from '../relay/storage/sqlite-database.ts';
import { existingDatabase } from './data-directory.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { schemaVersion } from './schema-migrations.ts';

export interface CheckReport {
  readonly database: string;
  readonly schemaVersion: number;
  readonly knownSchemaVersion: number;
  readonly integrity: readonly string[];
  readonly healthy: boolean;
}

export function checkDataDirectory(dataDir: string): CheckReport {
  const database = existingDatabase(dataDir);
  const db = openExistingDatabase(database, { readonly: true });
  try {
    const version = schemaVersion(db);
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    const healthy = integrity.length === 1 && integrity[0] === 'ok' && version <= SCHEMA_VERSION;
    return { database, schemaVersion: version, knownSchemaVersion: SCHEMA_VERSION, integrity, healthy };
  } finally {
    db.close();
  }
}

export function formatCheckReport(report: CheckReport): string {
  const pending = report.schemaVersion < report.knownSchemaVersion ? ' (migrated at the next start)' : report.schemaVersion > report.knownSchemaVersion ? ' (newer than this relay)' : '';
  return [
    `database: ${report.database}`,
    `schema version: ${report.schemaVersion}${pending}; this relay knows ${report.knownSchemaVersion}`,
    `integrity_check: ${report.integrity.join('; ')}`,
    `status: ${report.healthy ? 'ok' : 'FAILED'}`,
  ].join('\n');
}
