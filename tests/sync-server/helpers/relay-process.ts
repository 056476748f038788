// The relay as a separate OS process, for tests and benchmarks that kill it, fuzz it or measure
// it from outside: either the real CLI (sync-server/main.ts, or with `compiled` the build of it)
// or relay-child.ts (the same parts, with config overrides the CLI has no flags for). The port is
// read from the "relay listening" line; kill() is SIGKILL (no flush, no goodbye), stop() is
// SIGTERM (graceful); a relay that never listens is killed when its start gives up.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { RelayConfig } from '../../../sync-server/config.ts';
import type { WebsiteConfig } from '../../../sync-server/web/website/website-config.ts';
import { compiledCli } from './compiled-relay.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const CLI = 'sync-server/main.ts';
const CHILD = path.join(import.meta.dirname, 'relay-child.ts');
const LISTENING = 'relay listening';
const START_LIMIT_MS = 30_000;

export interface RelayProcessOptions {
  readonly dataDir: string;
  /** 0 picks a free port; pass the previous port to restart in place. */
  readonly port?: number;
  /** The CLI prints its port at level info, so keep info or lower for it. */
  readonly logLevel?: string;
  /** Present: run relay-child.ts with these overrides; absent: run the real CLI. */
  readonly overrides?: Partial<RelayConfig>;
  /** With overrides: the website's settings for relay-child.ts (retention, limits). */
  readonly websiteOverrides?: Partial<WebsiteConfig>;
  /** Without overrides: run the CLI as built in dist/server/ (a fresh `npm run build`) instead of through tsx. */
  readonly compiled?: boolean;
  readonly nodeArgs?: readonly string[];
  /** More CLI flags, and environment variables on top of this process's (CLI only). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RelayProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly httpUrl: string;
  /** Lines the relay wrote to stdout (JSON logs). */
  readonly lines: string[];
  readonly exited: Promise<Exit>;
  kill(): Promise<Exit>;
  stop(): Promise<Exit>;
}

export class RelayStartError extends Error {
  override readonly name = 'RelayStartError';
}

export async function spawnRelay(options: RelayProcessOptions): Promise<RelayProcess> {
  const port = String(options.port ?? 0);
  const level = options.logLevel ?? 'info';
  const compiled = options.compiled === true && !options.overrides;
  const script = options.overrides
    ? [CHILD, JSON.stringify({ port: options.port ?? 0, dataDir: options.dataDir, logLevel: level, ...options.overrides }), JSON.stringify(options.websiteOverrides ?? {})]
    : [compiled ? compiledCli() : CLI, '--port', port, '--data', options.dataDir, '--log-level', level, ...(options.args ?? [])];
  const loader = compiled ? [] : ['--import', 'tsx'];
  return spawnListening(process.execPath, [...(options.nodeArgs ?? []), ...loader, ...script], {
    cwd: REPO,
    env: { ...process.env, ...options.env },
    stdio: options.overrides ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
}

export interface SpawnListeningOptions {
  readonly cwd: string;
  readonly stdio?: StdioOptions;
  readonly env?: NodeJS.ProcessEnv;
  /** Its own process group (pid = group id), so a test can see whether anything of it outlives it. */
  readonly detached?: boolean;
  readonly startLimitMs?: number;
}

/** Any command that ends up running the relay (the CLI, `npm run relay`, `npx ltm-relay`, …). */
export async function spawnListening(file: string, args: readonly string[], options: SpawnListeningOptions): Promise<RelayProcess> {
  const limit = options.startLimitMs ?? START_LIMIT_MS;
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    stdio: options.stdio ?? ['ignore', 'pipe', 'inherit'],
    ...(options.env ? { env: options.env } : {}),
    detached: options.detached ?? false,
  });
  const lines: string[] = [];
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const bound = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A relay that never says it listens is killed (its whole group when it has one), so a
      // failed start leaves no process running after the test.
      try {
        if (options.detached) process.kill(-child.pid!, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      reject(new RelayStartError(`relay did not start in ${limit} ms`));
    }, limit);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      let entry: { msg?: unknown; port?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === LISTENING && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new RelayStartError(`relay exited before listening (${exit.code ?? exit.signal}): ${lines.slice(-5).join('\n')}`));
    });
  });
  const signal = (name: NodeJS.Signals) => (): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    child,
    pid: child.pid!,
    port: bound,
    url: `ws://127.0.0.1:${bound}/sync`,
    httpUrl: `http://127.0.0.1:${bound}`,
    lines,
    exited,
    kill: signal('SIGKILL'),
    stop: signal('SIGTERM'),
  };
}

/** Asks a relay-child process (over IPC) to run a full GC and report its memory. */
export function childMemory(relay: RelayProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; memory?: NodeJS.MemoryUsage };
      if (m.type !== 'memory' || !m.memory) return;
      relay.child.off('message', onMessage);
      resolve(m.memory);
    };
    relay.child.on('message', onMessage);
    if (!relay.child.send({ type: 'gc' })) reject(new Error('relay child has no IPC channel'));
  });
}
