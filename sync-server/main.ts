#!/usr/bin/env node
// The relay's command line, `ltm-relay` (also `npm run relay -- …`): serves by default
// (`ltm-relay --port 8787 --host 127.0.0.1 --data ./data`), or runs a data tool (`backup`,
// `check`, `migrate-to-postgres`); `--help` and `--version` print and exit. A failed start is one JSON line on stderr
// whose `err` is the error's name and a message naming the thing at fault, and exit code 1.
import { helpText } from './config.ts';
import { environmentDatabaseUrl, environmentDataDir } from './env.ts';
import { packageVersion } from './install-root.ts';
import { parseCommand, SUBCOMMANDS } from './cli/command-line.ts';
import { runBackup, runCheck, runMigrateToPostgres } from './cli/data-commands.ts';
import { serve } from './cli/serve-command.ts';

async function main(argv: readonly string[]): Promise<number | null> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${helpText()}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case 'backup':
      return runBackup(command.args, environmentDataDir());
    case 'check':
      return runCheck(command.args, environmentDataDir());
    case 'migrate-to-postgres':
      return runMigrateToPostgres(command.args, environmentDataDir(), environmentDatabaseUrl());
    case 'serve':
      await serve(command.args);
      return null;
  }
}

function failureMessage(argv: readonly string[]): string {
  const first = argv[0];
  return first !== undefined && first !== 'serve' && (SUBCOMMANDS as readonly string[]).includes(first) ? `${first} failed` : 'relay failed to start';
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    // The logger may not exist yet (bad flags): one JSON line on stderr either way.
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: failureMessage(process.argv.slice(2)), err: String(error) })}\n`);
    process.exit(1);
  },
);
