// Opens what a relay keeps in a shared PostgreSQL (--database-url): access control first (its
// pool gives up on an unreachable server within seconds), then the document store and its update
// feed. Any failure closes what was opened and becomes one DatabaseUnavailableError naming the
// server and database, never the URL itself (it may carry a password).
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../relay/storage/document-store.ts';
import { PostgresDocumentStore } from '../relay/storage/postgres-document-store.ts';
import { PostgresUpdateFeed } from '../relay/storage/postgres-update-feed.ts';
import type { UpdateFeed } from '../relay/storage/update-feed.ts';
import { openPostgresAccess, type PostgresAccess } from '../web/access/postgres-access.ts';
import { ensurePostgresOidcSchema } from '../web/oidc/oidc-schema.ts';
import { ensurePostgresWebsiteSchema } from '../web/website/website-schema.ts';

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export interface RelayPostgres {
  readonly store: DocumentStore;
  readonly feed: UpdateFeed;
  readonly access: PostgresAccess;
}

/** host:port/database of a postgres:// URL, without user or password. */
export function databaseLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

export async function openRelayPostgres(url: string, logger: Logger, given: { store?: DocumentStore; feed?: UpdateFeed } = {}): Promise<RelayPostgres> {
  let access: PostgresAccess | null = null;
  let store: DocumentStore | null = null;
  try {
    access = await openPostgresAccess(url, logger);
    // Every table at start, as migrate-to-postgres makes them, rather than on first use.
    await ensurePostgresWebsiteSchema(access.pool);
    await ensurePostgresOidcSchema(access.pool);
    store = given.store ?? (await PostgresDocumentStore.open(url, undefined, logger));
    // The sweep reads through the access pool, so the feed's own connection only listens.
    const feed = given.feed ?? new PostgresUpdateFeed(url, logger, { sweepPool: access.pool });
    return { store, feed, access };
  } catch (error) {
    if (store !== given.store) await store?.close().catch(() => {});
    await access?.close().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`PostgreSQL at ${databaseLabel(url)} cannot be used: ${reason}`);
  }
}
