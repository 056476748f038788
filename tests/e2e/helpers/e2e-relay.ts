// A real relay for end-to-end tests, built as the CLI builds it (startRelayService): 127.0.0.1 on
// port 0, SQLite in a fresh temp directory, access control, website, account page and viewer.
// restart() stops it and starts it again on the same port and data (as a deploy would); stop()
// and start() do the same with a wait between, while the relay cannot be reached; close() stops
// it and removes the directory. With keepLogs, its log lines are kept for a test to read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { accessDefaults, type AccessConfig } from '../../../sync-server/web/access/access-config.ts';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { startRelayService } from '../../../sync-server/relay-service.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import type { SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';

export interface E2eRelay {
  readonly httpUrl: string;
  /** The store of the relay currently running (a restart opens a new one). */
  readonly store: DocumentStore;
  /** The database of the relay currently running (access and documents share it). */
  readonly db: SqliteDatabase;
  /** Log lines of every start, parsed; empty unless started with keepLogs. */
  readonly logs: readonly Record<string, unknown>[];
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface E2eRelayOptions {
  /** Access-control overrides, e.g. a short document token lifetime. */
  readonly access?: Partial<AccessConfig>;
  /** Keeps the relay's info log lines in `logs`. */
  readonly keepLogs?: boolean;
  /** Relay settings, e.g. smaller size limits. */
  readonly relay?: Partial<RelayConfig>;
}

async function boot(dataDir: string, port: number, options: E2eRelayOptions, logs: Record<string, unknown>[]) {
  const config = resolveConfig({ port, host: '127.0.0.1', dataDir, logLevel: 'silent', roomUnloadGraceMs: 1_000, ...options.relay });
  const logger = options.keepLogs ? pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }) : pino({ level: 'silent' });
  const service = await startRelayService(config, {
    logger,
    // Cheap password hashing keeps sign-ups quick; production cost is covered by relay tests.
    access: { scrypt: { ...accessDefaults.scrypt, cost: 1024 }, signUpPerIp: { max: 1000, windowMs: 60_000 }, ...options.access },
  });
  return { relay: service.relay, store: service.store, db: service.db, stop: () => service.close() };
}

export async function startE2eRelay(options: E2eRelayOptions = {}): Promise<E2eRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-e2e-relay-'));
  const logs: Record<string, unknown>[] = [];
  let running = await boot(dataDir, 0, options, logs);
  const port = running.relay.port;
  // Closing a stopped relay again is a no-op (the service closes once).
  const stop = () => running.stop();
  const start = async () => {
    running = await boot(dataDir, port, options, logs);
  };
  return {
    httpUrl: running.relay.httpUrl,
    logs,
    get store() {
      return running.store;
    },
    get db() {
      return running.db!;
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
