// A real relay for end-to-end tests: 127.0.0.1 on port 0, SQLite in a fresh temp directory,
// real access control (accounts, tokens). close() stops it and removes the directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { accessDefaults } from '../../../sync-server/access/access-config.ts';
import { createAccessGate } from '../../../sync-server/access/create-access-gate.ts';
import { resolveConfig } from '../../../sync-server/config.ts';
import { startRelay } from '../../../sync-server/relay.ts';
import { databasePath, openDatabase } from '../../../sync-server/storage/sqlite-database.ts';
import type { DocumentStore } from '../../../sync-server/storage/document-store.ts';
import { SqliteDocumentStore } from '../../../sync-server/storage/sqlite-document-store.ts';
import type { HttpFallback } from '../../../sync-server/transport/http-routes.ts';

export interface E2eRelay {
  readonly httpUrl: string;
  readonly store: DocumentStore;
  close(): Promise<void>;
}

export interface E2eRelayOptions {
  /** Pages served besides the API (the website, the account page). */
  readonly httpFallback?: HttpFallback;
}

export async function startE2eRelay(options: E2eRelayOptions = {}): Promise<E2eRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-e2e-relay-'));
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', roomUnloadGraceMs: 1_000 });
  const logger = pino({ level: 'silent' });
  const db = openDatabase(databasePath(dataDir), config.sqliteSynchronous);
  const store = new SqliteDocumentStore(db);
  const access = createAccessGate({
    db,
    dataDir,
    store,
    // Cheap password hashing keeps sign-ups quick; production cost is covered by relay tests.
    config: { ...accessDefaults, scrypt: { ...accessDefaults.scrypt, cost: 1024 }, signUpPerIp: { max: 1000, windowMs: 60_000 } },
    logger,
  });
  const relay = await startRelay(config, { access, logger, store, ...(options.httpFallback ? { httpFallback: options.httpFallback } : {}) });
  return {
    httpUrl: relay.httpUrl,
    store,
    async close() {
      await relay.close();
      access.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
