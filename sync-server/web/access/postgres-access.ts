// Opens access control on PostgreSQL for one relay node: a pool whose int8 columns read back as
// numbers (times are BIGINT milliseconds, as SQLite's INTEGER), the access tables, the shared
// token-signing secret and the revocation bus. The caller owns the result and closes it after
// the gate.
import pg from 'pg';
import type { AccessLogger } from './access-context.ts';
import type { SharedAccess } from './create-access-gate.ts';
import { ensurePostgresAccessSchema } from './access-schema.ts';
import { createPostgresAccessRecords } from './postgres-access-records.ts';
import { PostgresRevocationBus } from './postgres-revocation-bus.ts';
import { loadOrCreateSharedSecret } from './postgres-server-secret.ts';

const INT8_OID = 20;
/** An unreachable server fails the start in seconds rather than hanging it. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresAccess extends SharedAccess {
  close(): Promise<void>;
}

export async function openPostgresAccess(url: string, logger: AccessLogger, poolSize = 5): Promise<PostgresAccess> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection emits 'error' on the pool, which would otherwise end the
  // process; the next query takes a fresh connection.
  pool.on('error', () => {});
  try {
    await ensurePostgresAccessSchema(pool);
    const secret = await loadOrCreateSharedSecret(pool);
    const bus = await PostgresRevocationBus.start(pool, url, logger);
    return {
      records: createPostgresAccessRecords(pool),
      pool,
      secret,
      bus,
      async close() {
        await bus.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
