// Opens access control on PostgreSQL for one relay node: the node's pool for the web half (made
// by createPostgresPool, so int8 columns read back as numbers), the access tables, the shared
// token-signing secret and the revocation bus. The caller owns the result and closes it after
// the gate.
import { createPostgresPool } from '../../postgres/postgres-pool.ts';
import type { AccessLogger } from './access-context.ts';
import type { SharedAccess } from './create-access-gate.ts';
import { ensurePostgresAccessSchema } from './access-schema.ts';
import { createPostgresAccessRecords } from './postgres-access-records.ts';
import { PostgresRevocationBus } from './postgres-revocation-bus.ts';
import { loadOrCreateSharedSecret } from './postgres-server-secret.ts';

export interface PostgresAccess extends SharedAccess {
  close(): Promise<void>;
}

export async function openPostgresAccess(url: string, logger: AccessLogger, poolSize = 5): Promise<PostgresAccess> {
  const pool = createPostgresPool({ connectionString: url, max: poolSize });
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
