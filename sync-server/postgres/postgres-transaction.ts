// One PostgreSQL transaction on a pooled connection: BEGIN, the work, COMMIT; any failure rolls
// back and is rethrown, and the connection always goes back to the pool (discarded after a
// failure, since it may be broken). A checked-out connection that the server ends (a restart, an
// administrator, a node's claim outliving it) emits 'error' on the client, not the pool; unheard,
// that would end the process, so it is heard here and the work's next query fails instead.
import type pg from 'pg';

const ignore = () => {};

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  client.on('error', ignore);
  let failed = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(failed);
  }
}
