// Splits the command line into a subcommand and its arguments. Serving is the default (bare
// flags, as the relay always took them); --help and --version win wherever they appear. The
// serve flags themselves are parsed by env.ts; the data tools parse their few flags here.
import { parseArgs } from 'node:util';

export const SUBCOMMANDS = ['serve', 'backup', 'check', 'migrate-to-postgres'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: Subcommand; readonly args: readonly string[] };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommand(argv: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return { kind: 'serve', args: argv };
  if (!(SUBCOMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}": use one of ${SUBCOMMANDS.join(', ')}, or flags alone to serve (see --help)`);
  }
  return { kind: first as Subcommand, args: rest };
}

export type DataTool = Exclude<Subcommand, 'serve'>;

/**
 * The data tools' flags: --data (required unless LTM_DATA is given); for backup, --out; for
 * migrate-to-postgres, --database-url (required unless LTM_DATABASE_URL is given).
 */
export function parseDataToolArgs(
  command: DataTool,
  args: readonly string[],
  defaultDataDir: string | undefined,
  defaultDatabaseUrl?: string,
): { dataDir: string; outDir?: string; databaseUrl?: string } {
  let values: { data?: string; out?: string; 'database-url'?: string };
  try {
    values = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        ...(command === 'backup' ? { out: { type: 'string' } } : {}),
        ...(command === 'migrate-to-postgres' ? { 'database-url': { type: 'string' } } : {}),
      },
      strict: true,
    }).values as typeof values;
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  const dataDir = values.data ?? defaultDataDir;
  if (dataDir === undefined) throw new UsageError(`${command} needs --data <dir> (or LTM_DATA)`);
  if (command === 'check') return { dataDir };
  if (command === 'migrate-to-postgres') {
    const databaseUrl = values['database-url'] ?? defaultDatabaseUrl;
    if (databaseUrl === undefined) throw new UsageError('migrate-to-postgres needs --database-url postgres://… (or LTM_DATABASE_URL)');
    return { dataDir, databaseUrl };
  }
  if (values.out === undefined) throw new UsageError('backup needs --out <dir>, a new or empty directory');
  return { dataDir, outDir: values.out };
}
