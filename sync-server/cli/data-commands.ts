// `ltm-relay backup` and `ltm-relay check`: the data tools, run beside (or without) a serving
// relay. Each prints what it did to stdout and returns the exit code.
import { backupDataDirectory } from '../data/data-backup.ts';
import { checkDataDirectory, formatCheckReport } from '../data/data-check.ts';
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
