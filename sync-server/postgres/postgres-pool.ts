// How the relay makes a PostgreSQL pool. int8 columns (BIGINT: times in milliseconds, counts, ids)
// read back as numbers, as SQLite's INTEGER does, so no store converts column by column; a value
// past 2^53 - 1 would read back altered, so it fails its query with UnsafeIntegerError instead
// (node-postgres ends the query with a parser's error; the connection stays usable). An idle
// connection that the server ends emits 'error' on the pool, which would otherwise end the
// process; the next query takes a fresh connection.
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

export function createPostgresPool(config: Omit<pg.PoolConfig, 'types'>): pg.Pool {
  const pool = new pg.Pool({ ...config, types: POSTGRES_TYPES });
  pool.on('error', () => {});
  return pool;
}
