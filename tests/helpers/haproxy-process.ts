// A real HAProxy for tests: Debian's haproxy package (`apt-get install haproxy`; .ci/run installs
// it), run in the foreground on a config the test wrote. The config is checked first
// (`haproxy -c`), so a config HAProxy refuses fails with HAProxy's own words; start() returns once
// the given port accepts connections. What the config logs to stdout is kept in `log`.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const HAPROXY = '/usr/sbin/haproxy';
const START_LIMIT_MS = 15_000;

export class HaproxyUnavailableError extends Error {
  override readonly name = 'HaproxyUnavailableError';
}

export class HaproxyConfigError extends Error {
  override readonly name = 'HaproxyConfigError';
}

export interface HaproxyProcess {
  readonly dir: string;
  /** Everything HAProxy wrote to stdout (`log stdout`): its access log. */
  log(): string;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `files` are written next to the config first (certificates the config names). */
export async function startHaproxy(config: (dir: string) => string, port: number, files: Readonly<Record<string, string>> = {}): Promise<HaproxyProcess> {
  if (!existsSync(HAPROXY)) throw new HaproxyUnavailableError(`no ${HAPROXY}; install Debian's haproxy package (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'ltm-haproxy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600 });
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config(dir));
  try {
    await promisify(execFile)(HAPROXY, ['-c', '-q', '-f', file]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new HaproxyConfigError(`haproxy refuses the config: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_LIMIT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new HaproxyConfigError(`haproxy did not listen on ${port}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { dir, stop, log: () => stdout };
}
