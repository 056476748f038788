// The website's tables, created idempotently: in the relay's SQLite database, or in PostgreSQL
// when several relays share one (made from the SQLite text by postgresSchemaOf, so table and
// column names are the same and a generic copier moves the rows). SCHEMA is the v0.1.0 text that
// every SQLite start runs again; a column added since is a numbered migration
// (sync-server/data/migrations.ts) whose statement lives here, and PostgreSQL runs SCHEMA and
// those statements at every start. Each table holds the least that its purpose needs; the privacy
// page lists them column by column (a test keeps it so). A queued mail belongs to its sign-up:
// removing the address (unsubscribe, retention, a mail given up) removes the queued mail with
// it, so no copy of the address outlives the sign-up.
import type pg from 'pg';
import { createSchema } from '../../postgres/postgres-schema-lock.ts';
import { postgresSchemaOf } from '../postgres-sql.ts';
import type { SqlDatabase } from '../sql-database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS signups (
  email TEXT PRIMARY KEY,
  consented_at INTEGER NOT NULL,
  unsubscribe_hash BLOB NOT NULL UNIQUE
) STRICT;
CREATE TABLE IF NOT EXISTS mail_outbox (
  mail_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL REFERENCES signups (email) ON DELETE CASCADE,
  unsubscribe_token TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS mail_outbox_email ON mail_outbox (email);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at);
CREATE TABLE IF NOT EXISTS usage_counts (
  day TEXT NOT NULL,
  event TEXT NOT NULL,
  version TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, event, version)
) STRICT;
`;

/** Schema migration 3: the language the sign-up page spoke, which the queued mail is written in.
 *  It lives with the mail, not the sign-up: it is needed only to compose the mail and leaves with
 *  it once the mail server has it. Rows queued before it get English, the language they were
 *  promised in. */
export const ADD_MAIL_LANGUAGE = "ALTER TABLE mail_outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'en';";

export const POSTGRES_WEBSITE_SCHEMA = postgresSchemaOf(SCHEMA + ADD_MAIL_LANGUAGE);

export const WEBSITE_TABLES = ['signups', 'mail_outbox', 'usage_counts'] as const;

export function ensureWebsiteSchema(db: SqlDatabase): void {
  db.exec(SCHEMA);
}

/** The same tables in PostgreSQL, under the schema lock (the stores also create them on first use). */
export function ensurePostgresWebsiteSchema(pool: pg.Pool): Promise<void> {
  return createSchema(pool, POSTGRES_WEBSITE_SCHEMA);
}
