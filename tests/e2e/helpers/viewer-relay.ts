// A real relay serving the live viewer, for the viewer's end-to-end tests and benchmark:
// built as the CLI builds it (startRelayService): 127.0.0.1 on port 0, SQLite in a fresh temp
// directory. Every log line (debug and up) and every request line the fallback saw are kept,
// so a test can prove that no token reaches either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { accessDefaults, type AccessConfig } from '../../../sync-server/web/access/access-config.ts';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelayService } from '../../../sync-server/relay-service.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';

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
  /** Relay settings, e.g. smaller size limits. */
  readonly relay?: Partial<RelayConfig>;
}

export async function startViewerRelay(options: ViewerRelayOptions = {}): Promise<ViewerRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-viewer-relay-'));
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'debug', roomUnloadGraceMs: 1_000, ...options.relay });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const requestLines: string[] = [];
  const service = await startRelayService(config, {
    logger,
    // Cheap password hashing keeps sign-ups quick; production cost is covered by relay tests.
    access: { scrypt: { ...accessDefaults.scrypt, cost: 1024 }, signUpPerIp: { max: 1000, windowMs: 60_000 }, ...options.access },
    ...(options.viewerDistDir ? { viewerDistDir: options.viewerDistDir } : {}),
    observePage: (url) => requestLines.push(url),
  });
  const { relay, store } = service;
  return {
    httpUrl: relay.httpUrl,
    wsUrl: relay.url,
    store,
    logLines,
    requestLines,
    async close() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
