// The access tables, created idempotently in the relay's SQLite database next to the document
// store's tables, or in PostgreSQL when several relays share one. Rows are deleted explicitly
// (account deletion), not through foreign-key cascades, so correctness does not depend on the
// connection's foreign_keys pragma. SCHEMA is the v0.1.0 text, which every SQLite start runs
// again; columns added since are numbered migrations (sync-server/data/migrations.ts) whose
// statements live here, so PostgreSQL's tables are made from the same text (postgresSchemaOf) as
// SQLite's end up after migrating: same table and column names, in the same order, which is
// what lets a generic copier move a SQLite relay's rows across.
import type pg from 'pg';
import { createSchema } from '../../postgres/postgres-schema-lock.ts';
import { postgresSchemaOf } from '../postgres-sql.ts';
import type { SqlDatabase } from '../sql-database.ts';
import { ensureOidcSchema } from '../oidc/oidc-schema.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
  session_id TEXT PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id);
CREATE TABLE IF NOT EXISTS meeting_owners (
  meeting_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  claimed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS meeting_owners_by_account ON meeting_owners (account_id);
CREATE TABLE IF NOT EXISTS shares (
  share_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('view', 'edit')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS shares_by_meeting ON shares (meeting_id);
CREATE INDEX IF NOT EXISTS shares_by_account ON shares (account_id);
CREATE TABLE IF NOT EXISTS pending_document_deletions (
  doc TEXT PRIMARY KEY,
  requested_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS deleted_meetings (
  meeting_id TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL
) STRICT;
`;

/** Schema migration 2: an optional label the owner gives a share link. */
export const ADD_SHARE_LABEL = 'ALTER TABLE shares ADD COLUMN label TEXT;';

/** PostgreSQL only: the token-signing secret every node shares (on SQLite it is the data
 *  directory's secret file, which a copy into PostgreSQL carries into this row, or every token
 *  would stop verifying). */
const SERVER_SECRET = `
CREATE TABLE IF NOT EXISTS server_secret (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret BYTEA NOT NULL
);
`;

export const POSTGRES_ACCESS_SCHEMA = postgresSchemaOf(SCHEMA + ADD_SHARE_LABEL) + SERVER_SECRET;

export const ACCESS_TABLES = ['accounts', 'sessions', 'meeting_owners', 'shares', 'pending_document_deletions', 'deleted_meetings'] as const;

export function ensureAccessSchema(db: SqlDatabase): void {
  db.exec(SCHEMA);
  ensureOidcSchema(db);
}

/** The same tables, as migrated, in PostgreSQL under the schema lock; the OpenID tables belong
 *  to the OpenID records (sync-server/web/oidc). */
export function ensurePostgresAccessSchema(pool: pg.Pool): Promise<void> {
  return createSchema(pool, POSTGRES_ACCESS_SCHEMA);
}
