// Schema creation on PostgreSQL, for every store of the relay: nodes starting together would race
// on CREATE TABLE IF NOT EXISTS, so each creation runs under one advisory lock. It runs without a
// statement timeout (postgres-pool.ts sets one for everything else): a migration that builds an
// index on a large table, or a node waiting for another node's migration, must finish, not fail
// its start halfway.
import type pg from 'pg';
import { inTransaction } from './postgres-transaction.ts';

/** The key every schema creation of the relay takes: 'ltm'. */
export const SCHEMA_LOCK = 0x6c746d;

export function createSchema(pool: pg.Pool, ddl: string): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(ddl);
  });
}
