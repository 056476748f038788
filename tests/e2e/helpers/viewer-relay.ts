// A real relay serving the live viewer, for the viewer's end-to-end tests and benchmark:
// 127.0.0.1 on port 0, SQLite in a fresh temp directory, the real access gate and the viewer's
// httpFallback. Every log line (debug and up) and every request line the fallback saw are kept,
// so a test can prove that no token reaches either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { accessDefaults, type AccessConfig } from '../../../sync-server/web/access/access-config.ts';
import { createAccessGate } from '../../../sync-server/web/access/create-access-gate.ts';
import { resolveConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelay } from '../../../sync-server/relay/relay.ts';
import { databasePath, openDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import { SqliteDocumentStore } from '../../../sync-server/relay/storage/sqlite-document-store.ts';
import { createViewerPage } from '../../../sync-server/web/viewer/viewer-page.ts';

export interface ViewerRelay {
  readonly httpUrl: string;
  /** ws://127.0.0.1:<port>/sync */
  readonly wsUrl: string;
  readonly store: DocumentStore;
  readonly logLines: readonly string[];
  /** req.url of every request the page fallback was asked about. */
  readonly requestLines: readonly string[];
  close(): Promise<void>;
}

export interface ViewerRelayOptions {
  readonly access?: Partial<AccessConfig>;
  /** Where the built viewer is; dist/viewer by default. */
  readonly viewerDistDir?: string;
}

export async function startViewerRelay(options: ViewerRelayOptions = {}): Promise<ViewerRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-viewer-relay-'));
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'debug', roomUnloadGraceMs: 1_000 });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const db = openDatabase(databasePath(dataDir), config.sqliteSynchronous);
  const store = new SqliteDocumentStore(db);
  const gate = createAccessGate({
    db,
    dataDir,
    store,
    // Cheap password hashing keeps sign-ups quick; production cost is covered by relay tests.
    config: { ...accessDefaults, scrypt: { ...accessDefaults.scrypt, cost: 1024 }, signUpPerIp: { max: 1000, windowMs: 60_000 }, ...options.access },
    logger,
  });
  const viewerPage = createViewerPage({ logger, ...(options.viewerDistDir ? { distDir: options.viewerDistDir } : {}) });
  const requestLines: string[] = [];
  const relay = await startRelay(config, {
    access: gate,
    logger,
    store,
    httpFallback: (req, res) => {
      requestLines.push(req.url ?? '');
      return viewerPage(req, res);
    },
  });
  return {
    httpUrl: relay.httpUrl,
    wsUrl: relay.url,
    store,
    logLines,
    requestLines,
    async close() {
      await relay.close();
      gate.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
