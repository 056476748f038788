// Serving: opens (and migrates) the database in the data directory, builds access control, the
// website, account page and viewer on it, starts the relay, and prints where things are.
// SIGTERM/SIGINT: stop accepting, flush, close, exit 0. With --tls-cert/--tls-key it serves
// HTTPS/WSS, and SIGHUP re-reads both files (a bad renewal is logged and the old pair kept).
import { resolveConfig } from '../config.ts';
import { openRelayDatabase } from '../data/open-relay-database.ts';
import { configFromEnvironment, websiteFromEnvironment } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startRelay, tlsFiles } from '../relay/relay.ts';
import { SqliteDocumentStore } from '../relay/storage/sqlite-document-store.ts';
import type { HttpFallback } from '../relay/transport/http-routes.ts';
import { readTlsCredentials } from '../relay/transport/tls-credentials.ts';
import { accessDefaults } from '../web/access/access-config.ts';
import { createAccessGate } from '../web/access/create-access-gate.ts';
import { createAccountPage } from '../web/account-page/account-page.ts';
import { createViewerPage } from '../web/viewer/viewer-page.ts';
import { createWebsite } from '../web/website/website.ts';
import { websiteDefaults } from '../web/website/website-config.ts';
import { checkSmtpUrl } from '../web/website/mailer.ts';
import { onShutdown } from './shutdown.ts';
import { startupSummary } from './startup-summary.ts';

const RELOAD_SIGNAL = 'SIGHUP' as const;

export async function serve(args: readonly string[]): Promise<void> {
  const config = resolveConfig(configFromEnvironment(args));
  const logger = createLogger(config.logLevel);
  // A bad setting or certificate must stop the start before the data directory is touched.
  const websiteConfig = { ...websiteDefaults, publicUrl: config.publicUrl, ...websiteFromEnvironment() };
  if (websiteConfig.smtpUrl !== null) checkSmtpUrl(websiteConfig.smtpUrl);
  const files = tlsFiles(config);
  const credentials = files && readTlsCredentials(files);
  const { db, dataDir } = await openRelayDatabase(config.dataDir, config.sqliteSynchronous, logger);
  const store = new SqliteDocumentStore(db);
  const access = createAccessGate({ db, dataDir, store, config: { ...accessDefaults, publicUrl: config.publicUrl }, logger });
  const website = createWebsite({
    db,
    dataDir,
    config: websiteConfig,
    logger,
    // Called only when a sign-up is mailed, so after the relay below is listening.
    ownUrl: () => relay.httpUrl,
  });
  const accountPage = createAccountPage({ logger });
  const viewerPage = createViewerPage({ logger });
  const httpFallback: HttpFallback = async (req, res) =>
    (await viewerPage(req, res)) || (await accountPage(req, res)) || website.handle(req, res);
  const relay = await startRelay({ ...config, dataDir }, { access, logger, store, httpFallback, credentials });

  onShutdown(logger, async () => {
    await relay.close();
    access.close();
    website.close();
    db.close();
  });
  if (config.tlsCertFile !== null) {
    process.on(RELOAD_SIGNAL, () => {
      try {
        relay.reloadTls();
      } catch (error) {
        logger.error({ err: error }, 'tls certificate reload failed; the previous certificate stays');
      }
    });
  }
  process.stderr.write(startupSummary({ url: config.publicUrl ?? relay.httpUrl, dataDir, website: websiteConfig, mailerKind: website.mailerKind }));
}
