// The access tables on PostgreSQL. Table and column names are exactly those of SQLite
// (access-schema.ts), so a generic copier can move every row of a SQLite relay into PostgreSQL;
// keep them in step. Times are BIGINT (milliseconds), hashes BYTEA. `server_secret` holds the one
// token-signing secret every node shares (on SQLite it is the data directory's secret file, which a
// copy into PostgreSQL must carry into this row, or every token would stop verifying). The
// OpenID tables belong to the OpenID records (sync-server/web/oidc). Creation runs under a
// transaction-scoped advisory lock, so nodes starting together do not race on CREATE.
import type pg from 'pg';
import { inTransaction } from '../../postgres/postgres-transaction.ts';

/** The same key the document store takes for its schema: one schema change at a time. */
const SCHEMA_LOCK = 0x6c746d; // 'ltm'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  session_id TEXT PRIMARY KEY,
  token_hash BYTEA NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id);
CREATE TABLE IF NOT EXISTS meeting_owners (
  meeting_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  claimed_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS meeting_owners_by_account ON meeting_owners (account_id);
CREATE TABLE IF NOT EXISTS shares (
  share_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('view', 'edit')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  label TEXT DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS shares_by_meeting ON shares (meeting_id);
CREATE INDEX IF NOT EXISTS shares_by_account ON shares (account_id);
CREATE TABLE IF NOT EXISTS pending_document_deletions (
  doc TEXT PRIMARY KEY,
  requested_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS deleted_meetings (
  meeting_id TEXT PRIMARY KEY,
  deleted_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_secret (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret BYTEA NOT NULL
);
`;

export async function ensurePostgresAccessSchema(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
  });
}
