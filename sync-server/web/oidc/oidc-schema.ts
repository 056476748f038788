// The OpenID tables, created with the access tables (account deletion removes an account's
// identities in the same transaction as its other rows). Identities: which provider identity,
// (issuer, subject), signs in to which account. Flows and codes live seconds to minutes.
// PostgreSQL gets the same tables and columns, made from this text (postgresSchemaOf), so a
// generic copier moves a SQLite relay's rows.
import type pg from 'pg';
import { createSchema } from '../../postgres/postgres-schema-lock.ts';
import { postgresSchemaOf } from '../postgres-sql.ts';
import type { SqlDatabase } from '../sql-database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS identities (
  identity_id TEXT NOT NULL UNIQUE,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  account_id TEXT NOT NULL,
  email TEXT,
  name TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
) STRICT;
CREATE INDEX IF NOT EXISTS identities_by_account ON identities (account_id);
CREATE TABLE IF NOT EXISTS oidc_flows (
  state_hash BLOB PRIMARY KEY,
  provider TEXT NOT NULL,
  intent TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  client_state TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS oidc_codes (
  code_hash BLOB PRIMARY KEY,
  intent TEXT NOT NULL,
  account_id TEXT,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  email TEXT,
  name TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`;

export const POSTGRES_OIDC_SCHEMA = postgresSchemaOf(SCHEMA);

export const OIDC_TABLES = ['identities', 'oidc_flows', 'oidc_codes'] as const;

export function ensureOidcSchema(db: SqlDatabase): void {
  db.exec(SCHEMA);
}

/** The same tables in PostgreSQL, under the schema lock (the records also create them on first use). */
export function ensurePostgresOidcSchema(pool: pg.Pool): Promise<void> {
  return createSchema(pool, POSTGRES_OIDC_SCHEMA);
}
