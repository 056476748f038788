// A real PostgreSQL for tests: Debian's server binaries (`apt-get install postgresql`; .ci/run
// installs it), a fresh cluster made by initdb in a temp directory, and a postgres process on a
// free loopback port with trust authentication. PostgreSQL refuses to run as root, so as root
// the cluster belongs to the `postgres` user and every binary runs through runuser. stop() ends
// the server (fast shutdown) and removes the directory; restart() keeps the data, as an
// operator's restart would. stopAtExit() hands the cluster to the test process's exit instead
// (shared-postgres.ts keeps one cluster for every suite of a run).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN_ROOT = '/usr/lib/postgresql';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  readonly url: string;
  readonly port: number;
  /** A fresh, empty database on this cluster (one per test keeps tests independent). */
  createDatabase(name: string): Promise<string>;
  /** Stops the server; data stays. */
  halt(): Promise<void>;
  /** Starts the server again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** Lets the test process exit with the server running, and stops it (and removes it) then. */
  stopAtExit(): void;
}

export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
}

function binDir(): string {
  const versions = existsSync(BIN_ROOT) ? readdirSync(BIN_ROOT).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new PostgresUnavailableError(`no PostgreSQL server under ${BIN_ROOT}; install Debian's postgresql package (.ci/run does)`);
  return join(BIN_ROOT, newest, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), 'ltm-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  execFileSync(...run('initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync']), { stdio: 'ignore' });
  const port = await freePort();
  let server: ChildProcess | null = null;

  const launch = async () => {
    // fsync stays on: the crash and restart tests rely on committed meaning durable.
    server = spawn(...run('postgres', ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'max_connections=200']), { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
        if (Date.now() > deadline) throw new PostgresUnavailableError(`postgres did not accept connections on port ${port} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const halt = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // Through pg_ctl (the server's pid file), since a signal to runuser need not reach postgres.
    execFileSync(...run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']), { stdio: 'ignore' });
    await exited;
  };
  await launch();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    halt,
    resume: launch,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    stopAtExit() {
      (server as ChildProcess | null)?.unref();
      // One permanent exit listener: the limit grows by one, so Node's leak warning still fires
      // at the same number of other exit listeners (y-websocket adds one per open provider).
      process.setMaxListeners(process.getMaxListeners() + 1);
      // 'exit' allows only synchronous work: pg_ctl -w returns once the server is gone.
      process.once('exit', () => {
        try {
          execFileSync(...run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']), { stdio: 'ignore' });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    },
  };
}
