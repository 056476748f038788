// The relay's command line: `npm run relay -- --port 8787 --host 127.0.0.1 --data ./data`.
// Opens the SQLite file in the data dir, builds access control on it, starts the relay and logs
// one JSON line with the bound port. SIGTERM/SIGINT: stop accepting, flush, close, exit 0.
// With --tls-cert/--tls-key it serves HTTPS/WSS, and SIGHUP re-reads both files (a renewal takes
// effect for new connections without a restart; a bad file is logged and the old one kept).
import { createAccountPage } from './web/account-page/account-page.ts';
import { createAccessGate } from './web/access/create-access-gate.ts';
import { loadServiceConfig } from './env.ts';
import { createLogger } from './logger.ts';
import { startRelay, tlsFiles } from './relay/relay.ts';
import { databasePath, openDatabase } from './relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from './relay/storage/sqlite-document-store.ts';
import type { HttpFallback } from './relay/transport/http-routes.ts';
import { readTlsCredentials } from './relay/transport/tls-credentials.ts';
import { createViewerPage } from './web/viewer/viewer-page.ts';
import { createWebsite } from './web/website/website.ts';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const RELOAD_SIGNAL = 'SIGHUP' as const;

async function main(): Promise<void> {
  const { relay: config, access: accessConfig, website: websiteConfig } = loadServiceConfig();
  const logger = createLogger(config.logLevel);
  // A bad certificate must stop the start before the data directory is created or touched.
  const files = tlsFiles(config);
  const credentials = files && readTlsCredentials(files);
  const db = openDatabase(databasePath(config.dataDir), config.sqliteSynchronous);
  const store = new SqliteDocumentStore(db);
  const access = createAccessGate({ db, dataDir: config.dataDir, store, config: accessConfig, logger });
  const website = createWebsite({
    db,
    dataDir: config.dataDir,
    config: websiteConfig,
    logger,
    // Called only when a sign-up is mailed, so after the relay below is listening.
    ownUrl: () => relay.httpUrl,
  });
  const accountPage = createAccountPage({ logger });
  const viewerPage = createViewerPage({ logger });
  const httpFallback: HttpFallback = async (req, res) =>
    (await viewerPage(req, res)) || (await accountPage(req, res)) || website.handle(req, res);
  const relay = await startRelay(config, { access, logger, store, httpFallback, credentials });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await relay.close();
      access.close();
      website.close();
      db.close();
      process.exit(0);
    } catch (error) {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => void stop(signal));
  if (config.tlsCertFile !== null) {
    process.on(RELOAD_SIGNAL, () => {
      try {
        relay.reloadTls();
      } catch (error) {
        logger.error({ err: error }, 'tls certificate reload failed; the previous certificate stays');
      }
    });
  }
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad flags): one JSON line on stderr either way.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'relay failed to start', err: String(error) })}\n`);
  process.exit(1);
});
