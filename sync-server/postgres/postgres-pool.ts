// How the relay makes a PostgreSQL pool. int8 columns (BIGINT: times in milliseconds, counts, ids)
// read back as numbers, as SQLite's INTEGER does, so no store converts column by column; a value
// past 2^53 - 1 would read back altered, so it fails its query with UnsafeIntegerError instead
// (node-postgres ends the query with a parser's error; the connection stays usable). An idle
// connection that the server ends emits 'error' on the pool, which would otherwise end the
// process; the next query takes a fresh connection.
//
// Every connection the relay makes, pooled or not, also has limits (POSTGRES_SESSION), so nothing
// waits on the database for ever: a statement blocked on a lock (another node frozen inside a
// transaction, an administrator's LOCK TABLE) or stuck on an overloaded server fails after
// 15 s with PostgreSQL's query_canceled, which the callers already treat as a database failure
// (a room's writers are closed with 1011 and come back); a session left idle inside a
// transaction is ended by the server after a minute, so a frozen node releases its locks; TCP
// keepalive finds a server that went away without a word; a connection attempt gives up after
// 10 s. Parameters in the database URL win over these (postgres://…?statement_timeout=60000).
import pg from 'pg';

const INT8_OID = 20;

export class UnsafeIntegerError extends Error {
  override readonly name = 'UnsafeIntegerError';
}

export function int8AsNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UnsafeIntegerError(`the int8 ${text} is beyond 2^53 - 1 and cannot be read as a number exactly`);
  return value;
}

const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID ? int8AsNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** The type parsers every connection of the relay uses, pooled or not (a LISTEN connection). */
export const POSTGRES_TYPES = { getTypeParser } as const;

const POSTGRES_SESSION = {
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 60_000,
  connectionTimeoutMillis: 10_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} as const satisfies pg.ClientConfig;

/** A connection outside a pool (a LISTEN connection), with the same types and limits. */
export function postgresClient(url: string): pg.Client {
  return new pg.Client({ ...POSTGRES_SESSION, connectionString: url, types: POSTGRES_TYPES });
}

export function createPostgresPool(config: Omit<pg.PoolConfig, 'types'>): pg.Pool {
  const pool = new pg.Pool({ ...POSTGRES_SESSION, ...config, types: POSTGRES_TYPES });
  pool.on('error', () => {});
  return pool;
}
