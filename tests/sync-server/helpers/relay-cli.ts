// The relay's real command line (sync-server/main.ts) as a child process with only the given
// LTM_* variables, for suites that check how it starts, refuses to start and stops.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import readline from 'node:readline';
import * as assert from 'uvu/assert';

const REPO = resolve(import.meta.dirname, '../../..');
const CLI = 'sync-server/main.ts';
// A guard against a hung start, not a timing assertion: a loaded machine starts tsx slowly.
export const EXIT_LIMIT_MS = 90_000;

export interface Cli {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
}

/** Runs the CLI with only the given LTM_* variables (none inherited), killing it if it hangs. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Cli {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LTM_')));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  readline.createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const limit = setTimeout(() => child.kill('SIGKILL'), EXIT_LIMIT_MS);
  const exited = new Promise<number | null>((done) =>
    child.once('close', (code) => {
      clearTimeout(limit);
      done(code);
    }),
  );
  return { stdout, stderr, exited, signal: (name) => void child.kill(name) };
}

/** Runs a CLI command to its end: its exit code and its whole stdout and stderr. */
export async function cliResult(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = runCli(args, env);
  const code = await cli.exited;
  return { code, stdout: cli.stdout.join('\n'), stderr: cli.stderr.join('\n') };
}

/** Runs the CLI (port 0, a fresh data dir under `dir`) expecting a failed start: exit 1, nothing
 *  on stdout, one JSON line on stderr. Returns that line's error text. */
export async function failedStart(dir: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  // Each run its own data dir: runs go in parallel, and some faults are found after the data dir is opened.
  const cli = runCli(['--port', '0', '--data', mkdtempSync(join(dir, 'data-')), ...args], env);
  assert.is(await cli.exited, 1, cli.stderr.join('\n'));
  assert.is(cli.stderr.length, 1, cli.stderr.join('\n'));
  assert.equal(cli.stdout, []);
  const line = JSON.parse(cli.stderr[0]!) as { level: string; msg: string; err: string };
  assert.is(line.level, 'fatal');
  assert.is(line.msg, 'relay failed to start');
  return line.err;
}
