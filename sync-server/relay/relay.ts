// Starts one relay: HTTP server (HTTPS when the config names a certificate and key), websocket
// endpoint, rooms, group commit and metrics, wired together. Graceful close: stop accepting,
// close sockets, let every room finish its queued work (so pending commits land), then close the
// store (and the database, if the relay opened it).
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AccessGate } from './access-gate.ts';
import type { RelayConfig } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { FailureLog } from './failure-log.ts';
import { RelayMetrics } from './metrics.ts';
import { Readiness } from './readiness.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import type { DocumentStore } from './storage/document-store.ts';
import type { UpdateFeed } from './storage/update-feed.ts';
import { GroupCommit } from './storage/group-commit.ts';
import { databasePath, openDatabase, type SqliteDatabase } from './storage/sqlite-database.ts';
import { SqliteDocumentStore } from './storage/sqlite-document-store.ts';
import { WalCheckpointer } from './storage/wal-checkpointer.ts';
import { countStoreErrors } from './storage/counted-store.ts';
import { createHttpHandler, type HttpFallback } from './transport/http-routes.ts';
import { listen } from './transport/listen.ts';
import { SyncEndpoint } from './transport/sync-endpoint.ts';
import { responseHeaderSetter, servedOverHttps } from './transport/response-headers.ts';
import { capConnectionsPerIp } from './transport/connection-cap.ts';
import { MetricsAccess } from './transport/metrics-access.ts';
import { normalizeAddress, resolveClientAddress } from '../client-address.ts';
import { readTlsCredentials, TlsCredentialsError, type TlsCredentials, type TlsFiles } from './transport/tls-credentials.ts';

export interface RelayOptions {
  readonly access: AccessGate;
  readonly logger?: Logger;
  /** Defaults to SQLite in config.dataDir, opened and closed by the relay. */
  readonly store?: DocumentStore;
  /** The SQLite database behind `store`, if any: the relay checkpoints its WAL off the event loop. */
  readonly db?: SqliteDatabase | null;
  /** Commits of other nodes writing the same store (PostgreSQL); none for the SQLite default. */
  readonly feed?: UpdateFeed;
  /** Serves non-API pages (the website); resolves false for an unknown path. */
  readonly httpFallback?: HttpFallback;
  /** Already read from the config's TLS files (main.ts reads them before opening anything). */
  readonly credentials?: TlsCredentials | null;
}

export interface Relay {
  readonly port: number;
  readonly host: string;
  /** Base URL for websocket clients, e.g. ws://127.0.0.1:8787/sync (wss:// with TLS) */
  readonly url: string;
  /** http://host:port, or https://host:port with TLS */
  readonly httpUrl: string;
  readonly metrics: RelayMetrics;
  readonly rooms: RoomRegistry;
  readonly store: DocumentStore;
  readonly connectionCount: () => number;
  /** Re-reads the TLS files for new connections (after a renewal); a bad file throws
   *  TlsCredentialsError and the current certificate stays. */
  reloadTls(): void;
  close(): Promise<void>;
}

export function tlsFiles(config: RelayConfig): TlsFiles | null {
  return config.tlsCertFile !== null && config.tlsKeyFile !== null
    ? { certFile: config.tlsCertFile, keyFile: config.tlsKeyFile }
    : null;
}

export async function startRelay(config: RelayConfig, options: RelayOptions): Promise<Relay> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // Read first: a bad certificate stops the start before the relay opens anything.
  const files = tlsFiles(config);
  const credentials = options.credentials ?? (files && readTlsCredentials(files));
  const metrics = new RelayMetrics();
  let ownedDb: SqliteDatabase | null = null;
  let rawStore = options.store;
  if (!rawStore) {
    ownedDb = openDatabase(databasePath(config.dataDir), config.sqliteSynchronous);
    rawStore = new SqliteDocumentStore(ownedDb);
  }
  const store = countStoreErrors(rawStore, (operation) => metrics.storeErrors.inc({ operation }));
  const readiness = new Readiness({
    probe: store.probeCommit ? () => store.probeCommit!() : null,
    probeIntervalMs: config.readinessProbeIntervalMs,
    logger,
    onChange: (ready) => metrics.storeReady.set(ready ? 1 : 0),
  });
  const failures = new FailureLog(logger, config.failureLogIntervalMs);
  const sqlite = ownedDb ?? options.db ?? null;
  // A database in memory has no WAL to checkpoint.
  const checkpoints = sqlite && !sqlite.memory
    ? new WalCheckpointer({ db: sqlite, logger, failures })
    : null;
  const commits = new GroupCommit(
    store,
    (seconds) => metrics.commitLatency.observe(seconds),
    (error) => {
      readiness.record(error);
      if (error === null) checkpoints?.noteCommit();
    },
  );
  const watchErasures = options.access.watchErasures?.bind(options.access);
  const rooms = new RoomRegistry({ store, commits, config, logger, failures, metrics, ...(watchErasures ? { watchErasures } : {}) }, (count) => metrics.rooms.set(count));
  await options.feed?.start({
    committed: (doc, seq, update) => rooms.get(doc)?.noteCommitted(seq, update),
    resync: () => {
      for (const room of rooms.all()) room.noteCommitted(Number.POSITIVE_INFINITY);
    },
    loaded: () => Array.from(rooms.all(), (room) => room.name),
  });
  const endpoint = new SyncEndpoint({ config, logger, failures, metrics, access: options.access, rooms });
  // Account or meeting deletion: retire the documents' rooms before the store deletes them, so no
  // queued commit or compaction writes a deleted document back and no socket is served it from
  // memory.
  const stopEvicting = options.access.onDeletingDocuments?.(async (docs) => {
    await Promise.all(docs.map((doc) => rooms.get(doc)?.shutdown()));
  });

  // A slow or incomplete upgrade request (no token yet) is cut at the auth deadline; Node checks
  // these timeouts every connectionsCheckingInterval, so that interval follows the deadline.
  // With TLS the same deadline bounds the handshake, and the same handler serves every request.
  const timeouts = {
    headersTimeout: config.authDeadlineMs,
    requestTimeout: config.authDeadlineMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, config.authDeadlineMs / 4)),
  };
  const trustedProxies = new Set(config.trustedProxies.map(normalizeAddress));
  const metricsAccess = new MetricsAccess(config.metricsToken);
  const routes = createHttpHandler({
    access: options.access,
    metrics,
    readiness,
    logger,
    maxBodyBytes: config.maxApiBodyBytes,
    metricsAccess,
    ...(options.httpFallback ? { fallback: options.httpFallback } : {}),
  });
  const setBaselineHeaders = responseHeaderSetter(servedOverHttps(Boolean(credentials), config.publicUrl));
  const handler: http.RequestListener = (req, res) => {
    resolveClientAddress(req, trustedProxies);
    setBaselineHeaders(res);
    routes(req, res);
  };
  const secureServer = credentials
    ? https.createServer({ ...timeouts, handshakeTimeout: config.authDeadlineMs, cert: credentials.cert, key: credentials.key }, handler)
    : null;
  const server: http.Server = secureServer ?? http.createServer(timeouts, handler);
  capConnectionsPerIp(server, { maxPerIp: config.maxConnectionsPerIp, trustedProxies, failures, metrics });
  server.on('upgrade', (req, socket, head) => {
    resolveClientAddress(req, trustedProxies);
    endpoint.handleUpgrade(req, socket, head);
  });

  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const secure = secureServer !== null;

  const reloadTls = (): void => {
    if (!secureServer || !files) throw new TlsCredentialsError('the relay was started without TLS');
    const renewed = readTlsCredentials(files);
    secureServer.setSecureContext({ cert: renewed.cert, key: renewed.key });
    logger.info({ validTo: renewed.validTo }, 'tls certificate reloaded');
  };

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopEvicting?.();
      endpoint.stopAccepting();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await rooms.shutdown();
      await commits.drain();
      for (const conn of endpoint.connections) conn.ws.terminate();
      server.closeAllConnections();
      await stopped;
      await options.feed?.close();
      await store.close();
      // After the last commit; the database's own close checkpoints what is left.
      await checkpoints?.close();
      ownedDb?.close();
      logger.info({ port }, 'relay stopped');
    })();
    return closing;
  };

  const tls = credentials ? { tls: { validTo: credentials.validTo } } : {};
  logger.info({ port, host: config.host, dataDir: config.dataDir, ...tls }, 'relay listening');
  metricsAccess.warnIfOpen(config.host, logger);
  return {
    port,
    host: config.host,
    url: `${secure ? 'wss' : 'ws'}://${hostForUrl}:${port}/sync`,
    httpUrl: `${secure ? 'https' : 'http'}://${hostForUrl}:${port}`,
    metrics,
    rooms,
    store,
    connectionCount: () => endpoint.connections.size,
    reloadTls,
    close,
  };
}
