// What the web half's PostgreSQL stores share: a transaction on one pooled connection, schema
// creation under an advisory lock (nodes starting together would otherwise race on CREATE TABLE
// IF NOT EXISTS), and reading BIGINT columns, which node-postgres returns as strings, back as
// numbers (times in ms stay far below 2^53). The web stores keep SQLite's table and column names
// so a generic copier can move a SQLite relay's rows into PostgreSQL unchanged.
import type pg from 'pg';

/** The key every schema creation of the relay takes (the document store's too): 'ltm'. */
export const SCHEMA_LOCK = 0x6c746d;

export type Queryable = Pick<pg.PoolClient, 'query'>;

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out connection that the server ends (a restart, an administrator) emits 'error' on
  // the client, not the pool; unheard, that would end the process. The next query fails instead.
  const ignore = () => {};
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.off('error', ignore);
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.off('error', ignore);
    // The connection may be broken: the pool makes a fresh one.
    client.release(true);
    throw error;
  }
}

/** Runs `ddl` (idempotent statements) once per pool, under the schema lock. A failure is not
 *  kept, so a store whose database was down at start creates its tables once it is back. */
export function lazySchema(pool: pg.Pool, ddl: string): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => {
    done ??= createSchema(pool, ddl).catch((error: unknown) => {
      done = null;
      throw error;
    });
    return done;
  };
}

export function createSchema(pool: pg.Pool, ddl: string): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(ddl);
  });
}

