// `ltm-relay backup`, `check` and `migrate-to-postgres`: the data tools, run beside (or without) a
// serving relay. Each prints what it did to stdout and returns the exit code.
import { backupDataDirectory } from '../data/data-backup.ts';
import { checkDataDirectory, formatCheckReport } from '../data/data-check.ts';
import { migrateToPostgres } from '../data/migrate-to-postgres.ts';
import { databaseLabel } from '../data/open-relay-postgres.ts';
import { parseDataToolArgs } from './command-line.ts';

export async function runBackup(args: readonly string[], defaultDataDir: string | undefined): Promise<number> {
  const { dataDir, outDir } = parseDataToolArgs('backup', args, defaultDataDir);
  const summary = await backupDataDirectory(dataDir, outDir!);
  process.stdout.write(`backup written to ${summary.outDir} (schema version ${summary.schemaVersion}): ${summary.files.join(', ')}\n`);
  return 0;
}

export function runCheck(args: readonly string[], defaultDataDir: string | undefined): number {
  const { dataDir } = parseDataToolArgs('check', args, defaultDataDir);
  const report = checkDataDirectory(dataDir);
  process.stdout.write(`${formatCheckReport(report)}\n`);
  return report.healthy ? 0 : 1;
}

export async function runMigrateToPostgres(args: readonly string[], defaultDataDir: string | undefined, defaultDatabaseUrl: string | undefined): Promise<number> {
  const { dataDir, databaseUrl } = parseDataToolArgs('migrate-to-postgres', args, defaultDataDir, defaultDatabaseUrl);
  const summary = await migrateToPostgres(dataDir, databaseUrl!);
  const lines = summary.tables.map((t) => `  ${t.postgres}: ${t.rows} rows`);
  if (summary.secret) lines.push('  server_secret: the signing secret (sessions and links stay valid)');
  process.stdout.write(`${dataDir} copied into PostgreSQL at ${databaseLabel(databaseUrl!)}:\n${lines.join('\n')}\n`);
  return 0;
}
