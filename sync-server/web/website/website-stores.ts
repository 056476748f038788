// The website's three stores on one backend: the relay's SQLite database, or a PostgreSQL pool
// shared by several relays (whose tables are created once, on first use, under the schema lock).
import type pg from 'pg';
import { lazySchema } from '../postgres-sql.ts';
import type { SqlDatabase } from '../sql-database.ts';
import { createSqliteMailOutbox, type MailOutbox } from './mail-outbox.ts';
import { createPostgresMailOutbox } from './postgres-mail-outbox.ts';
import { createPostgresSignupStore } from './postgres-signup-store.ts';
import { createPostgresUsageCounts } from './postgres-usage-counts.ts';
import { createSqliteSignupStore, type SignUpStore } from './signup-store.ts';
import { createSqliteUsageCounts, type UsageCounts } from './usage-counts.ts';
import { POSTGRES_WEBSITE_SCHEMA } from './website-schema.ts';

export type WebsiteBackend = { readonly db: SqlDatabase } | { readonly pool: pg.Pool };

export interface WebsiteStores {
  readonly signUps: SignUpStore;
  readonly outbox: MailOutbox;
  readonly counts: UsageCounts;
}

export function websiteStores(backend: WebsiteBackend): WebsiteStores {
  if ('db' in backend) {
    const { db } = backend;
    return { signUps: createSqliteSignupStore(db), outbox: createSqliteMailOutbox(db), counts: createSqliteUsageCounts(db) };
  }
  const { pool } = backend;
  const ready = lazySchema(pool, POSTGRES_WEBSITE_SCHEMA);
  return { signUps: createPostgresSignupStore(pool, ready), outbox: createPostgresMailOutbox(pool, ready), counts: createPostgresUsageCounts(pool, ready) };
}
