// The token-signing secret when several nodes share one PostgreSQL: one row, inserted by whichever
// node starts first and read by all, so a token or device token signed on one node verifies on
// every other. A row of the wrong size is refused, as a wrong-sized secret file is.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { SECRET_BYTES } from './server-secret.ts';

/** The stored server secret cannot be trusted; the relay must not start with it. */
export class StoredSecretError extends Error {
  override readonly name = 'StoredSecretError';
}

export async function loadOrCreateSharedSecret(pool: pg.Pool): Promise<Buffer> {
  await pool.query('INSERT INTO server_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(SECRET_BYTES)]);
  const { rows } = await pool.query<{ secret: Buffer }>('SELECT secret FROM server_secret WHERE id = 1');
  const secret = rows[0]?.secret;
  if (secret === undefined || secret.byteLength !== SECRET_BYTES) {
    throw new StoredSecretError(`the server_secret row holds ${secret?.byteLength ?? 0} bytes, expected ${SECRET_BYTES}; it is corrupt`);
  }
  return secret;
}
