// The website on either backend, for the suites that run once per backend: on SQLite it is the
// real relay of website-relay.ts; on PostgreSQL it is createWebsite over a pool, served by a
// plain HTTP server on 127.0.0.1 port 0 (the relay's wiring of --database-url is not the
// website's), with its own data directory for local files. Rows are read through one query
// function (BIGINT read back as numbers), so a test's checks are the same on both.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { createPostgresPool } from '../../../../sync-server/postgres/postgres-pool.ts';
import { pino, type Logger } from 'pino';
import { websiteDefaults, type WebsiteConfig } from '../../../../sync-server/web/website/website-config.ts';
import { createWebsite, type Website } from '../../../../sync-server/web/website/website.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { readOutboxFile, startWebsiteRelay, type OutboxMail } from './website-relay.ts';

export interface WebsiteSite {
  readonly url: string;
  readonly dataDir: string;
  readonly website: Website;
  /** A statement without parameters; its rows as plain objects. */
  query<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  count(table: string): Promise<number>;
  outbox(): OutboxMail[];
  /** Stops serving and closes its connections, keeping the data (a restart starts again on it). */
  stop(): Promise<void>;
  /** Stops and deletes the data directory (a PostgreSQL database is the suite's to drop). */
  close(): Promise<void>;
}

/** Where a site keeps its rows: SQLite in its data directory, or this PostgreSQL database. */
export type SiteStorage = { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly url: string };

export interface SiteOptions {
  readonly dataDir?: string;
  readonly now?: () => number;
  readonly logger?: Logger;
}

export async function startWebsiteSite(storage: SiteStorage, overrides: Partial<WebsiteConfig> = {}, options: SiteOptions = {}): Promise<WebsiteSite> {
  if (storage.kind === 'sqlite') {
    const relay = await startWebsiteRelay(overrides, options);
    return {
      ...relay,
      query: async <R>(sql: string) => relay.db.prepare(sql).all() as R[],
      count: async (table) => (relay.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    };
  }
  const dataDir = options.dataDir ?? makeTempDir();
  const pool = createPostgresPool({ connectionString: storage.url, max: 4 });
  const website = createWebsite({
    pool,
    dataDir,
    config: { ...websiteDefaults, extensionZipPath: `${dataDir}/no-zip-here.zip`, ...overrides },
    logger: options.logger ?? pino({ level: 'silent' }),
    ownUrl: () => url,
    ...(options.now ? { now: options.now } : {}),
  });
  const server = createServer((req, res) => {
    website.handle(req, res).then(
      (handled) => void (handled || res.writeHead(404).end()),
      () => void (res.headersSent ? res.destroy() : res.writeHead(500).end()),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await website.sendDueMail();
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await website.close();
      await pool.end();
    })());
  return {
    url,
    dataDir,
    website,
    query: async <R>(sql: string) => (await pool.query(sql)).rows as R[],
    count: async (table) => Number((await pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n),
    outbox: () => readOutboxFile(dataDir),
    stop,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
