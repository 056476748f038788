// The access tables, created idempotently in the relay's SQLite database next to the document
// store's tables. Rows are deleted explicitly (account deletion), not through foreign-key
// cascades, so correctness does not depend on the connection's foreign_keys pragma.
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

export const ACCESS_TABLES = ['accounts', 'sessions', 'meeting_owners', 'shares', 'pending_document_deletions', 'deleted_meetings'] as const;

export function ensureAccessSchema(db: SqlDatabase): void {
  db.exec(SCHEMA);
  ensureOidcSchema(db);
}
