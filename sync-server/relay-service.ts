// The composition root: the one place that knows both halves of the server. It opens the
// database in the data directory, builds the web half (access control, website, account page,
// viewer) on it, and starts the relay with the web's access gate and pages. With a database URL,
// documents and access live in PostgreSQL shared with other nodes (the data directory keeps this
// node's local files); without one, everything is in the data directory's SQLite, as always. main.ts, every test
// harness and every bench build a relay through startRelayService, so what they run is what
// ships; tests change only the config and, where a suite exercises the transport alone, the gate.
import type { RelayConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import type { AccessGate } from './relay/access-gate.ts';
import { startRelay, tlsFiles, type Relay } from './relay/relay.ts';
import type { DocumentStore } from './relay/storage/document-store.ts';
import type { UpdateFeed } from './relay/storage/update-feed.ts';
import type { SqliteDatabase } from './relay/storage/sqlite-database.ts';
import { openRelayDatabase } from './data/open-relay-database.ts';
import { prepareDataDirectory } from './data/data-directory.ts';
import { openRelayPostgres, type RelayPostgres } from './data/open-relay-postgres.ts';
import { SqliteDocumentStore } from './relay/storage/sqlite-document-store.ts';
import type { HttpFallback } from './relay/transport/http-routes.ts';
import { readTlsCredentials, type TlsCredentials } from './relay/transport/tls-credentials.ts';
import { accessDefaults, type AccessConfig } from './web/access/access-config.ts';
import { createAccessGate } from './web/access/create-access-gate.ts';
import { createAccountPage } from './web/account-page/account-page.ts';
import { createViewerPage } from './web/viewer/viewer-page.ts';
import { websiteDefaults, type WebsiteConfig } from './web/website/website-config.ts';
import { createWebsite, type Website } from './web/website/website.ts';
import { checkSmtpUrl } from './web/website/mailer.ts';

export interface RelayServiceOptions {
  readonly logger?: Logger;
  /** Overrides of the access defaults (tests use a cheap scrypt cost and relaxed sign-up limits). */
  readonly access?: Partial<AccessConfig>;
  /** Overrides of the website defaults (the CLI passes the environment's SMTP and stats settings). */
  readonly website?: Partial<WebsiteConfig>;
  /** The built viewer, dist/viewer by default. */
  readonly viewerDistDir?: string;
  /** Replaces the document store (SQLite, or PostgreSQL with a database URL). */
  readonly store?: DocumentStore;
  /** Commits of other nodes sharing `store`. */
  readonly feed?: UpdateFeed;
  /** Replaces the web's access gate, for suites that exercise the transport alone. */
  readonly gate?: AccessGate;
  /** Sees every page request before the pages do (tests that record what was requested). */
  readonly observePage?: (url: string) => void;
  /** Already read by the caller (main reads them before touching the data directory). */
  readonly credentials?: TlsCredentials | null;
  readonly now?: () => number;
}

export interface RelayService {
  readonly relay: Relay;
  /** The SQLite database; null on PostgreSQL (--database-url). */
  readonly db: SqliteDatabase | null;
  readonly store: DocumentStore;
  readonly access: AccessGate;
  readonly website: Website;
  /** Stops the relay (flushing every room), then closes access, the website and the database. */
  close(): Promise<void>;
}

export async function startRelayService(config: RelayConfig, options: RelayServiceOptions = {}): Promise<RelayService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // A bad setting or certificate must stop the start before the data directory is touched.
  const websiteConfig: WebsiteConfig = { ...websiteDefaults, publicUrl: config.publicUrl, ...options.website };
  const accessConfig: AccessConfig = { ...accessDefaults, publicUrl: config.publicUrl, ...options.access };
  if (websiteConfig.smtpUrl !== null) checkSmtpUrl(websiteConfig.smtpUrl);
  const files = tlsFiles(config);
  const credentials = options.credentials ?? (files && readTlsCredentials(files));
  // Created and checked, migrated (after a copy) or refused as too new, before anything else.
  // An unusable database stops the start before the data directory is touched, too.
  const shared: RelayPostgres | null = config.databaseUrl === null ? null : await openRelayPostgres(config.databaseUrl, logger, options);
  // On PostgreSQL the data directory keeps local files only (TLS, stats token, outbox file): no SQLite.
  let db: SqliteDatabase | null = null;
  try {
    if (shared === null) ({ db } = await openRelayDatabase(config.dataDir, config.sqliteSynchronous, logger));
    else prepareDataDirectory(config.dataDir);
  } catch (error) {
    await closeShared(shared);
    throw error;
  }
  const store = shared?.store ?? options.store ?? new SqliteDocumentStore(db!);
  const backend = shared ? { shared: shared.access } : { db: db! };
  const feed = shared?.feed ?? options.feed;
  const now = options.now ? { now: options.now } : {};
  const access =
    options.gate ??
    createAccessGate({
      ...backend,
      dataDir: config.dataDir,
      store,
      config: accessConfig,
      logger,
      oidc: {
        providers: config.oidcProviders,
        allowInsecure: config.allowInsecureOidc,
        extensionIds: config.extensionIds,
        // Called per sign-in, so after the relay below is listening.
        ownUrl: () => config.publicUrl ?? relay.httpUrl,
      },
      ...now,
    });
  const website = createWebsite({
    ...(shared ? { pool: shared.access.pool } : { db: db! }),
    dataDir: config.dataDir,
    config: websiteConfig,
    logger,
    // Called only when a sign-up is mailed, so after the relay below is listening.
    ownUrl: () => relay.httpUrl,
    ...now,
  });
  const { passwordMinLength, nameMaxLength } = accessConfig;
  const accountPage = createAccountPage({ logger, rules: { passwordMinLength, nameMaxLength } });
  const viewerPage = createViewerPage({ logger, ...(options.viewerDistDir ? { distDir: options.viewerDistDir } : {}) });
  const httpFallback: HttpFallback = async (req, res) => {
    options.observePage?.(req.url ?? '');
    return (await viewerPage(req, res)) || (await accountPage(req, res)) || website.handle(req, res);
  };
  let relay: Relay;
  try {
    // The relay checkpoints the SQLite file's WAL off the event loop while it serves, unless a
    // replacement store (tests) is not on that file.
    const sqlite = options.store ? {} : { db };
    relay = await startRelay(config, { access, logger, store, httpFallback, credentials, ...sqlite, ...(feed ? { feed } : {}) });
  } catch (error) {
    access.close();
    await website.close();
    await closeShared(shared);
    db?.close();
    throw error;
  }
  // Mail queued before a restart; the relay listens now, so mail links can use its address.
  void website.sendDueMail();

  let closing: Promise<void> | null = null;
  return {
    relay,
    db,
    store,
    access,
    website,
    close() {
      closing ??= (async () => {
        await relay.close();
        access.close();
        // The website's mail sender and retention sweep use the shared pool: stop them first.
        await website.close();
        await shared?.access.close();
        db?.close();
      })();
      return closing;
    },
  };
}

/** For a start that failed after PostgreSQL was opened; a started relay closes its store and feed itself. */
async function closeShared(shared: RelayPostgres | null): Promise<void> {
  await shared?.feed.close().catch(() => {});
  await shared?.store.close().catch(() => {});
  await shared?.access.close().catch(() => {});
}
