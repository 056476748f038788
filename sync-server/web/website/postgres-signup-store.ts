// Sign-ups on PostgreSQL (the SignUpStore contract; same tables and columns as on SQLite). Nodes
// signing up one address at once meet at its primary key: ON CONFLICT waits for the other
// transaction and then does nothing, so the address stays one row with one queued mail.
// Deleted rows leave PostgreSQL's files at its next vacuum (autovacuum), not at once as with
// SQLite's secure_delete and checkpoint.
import type pg from 'pg';
import { inTransaction } from '../../postgres/postgres-transaction.ts';
import { lazySchema } from '../postgres-sql.ts';
import { hashToken, isTokenShaped, newUnsubscribeToken, type SignUpResult, type SignUpStore } from './signup-store.ts';
import { POSTGRES_WEBSITE_SCHEMA } from './website-schema.ts';

export function createPostgresSignupStore(pool: pg.Pool, ready = lazySchema(pool, POSTGRES_WEBSITE_SCHEMA)): SignUpStore {
  return {
    async add(email, now, language) {
      await ready();
      return inTransaction(pool, async (client): Promise<SignUpResult> => {
        const token = newUnsubscribeToken();
        const inserted = await client.query(
          'INSERT INTO signups (email, consented_at, unsubscribe_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING',
          [email, now, hashToken(token)],
        );
        if (inserted.rowCount === 0) {
          // A mail another node is sending right now is locked; it needs no hurry.
          await client.query(
            `UPDATE mail_outbox SET next_attempt_at = $1 WHERE mail_id IN
               (SELECT mail_id FROM mail_outbox WHERE email = $2 AND next_attempt_at > $1 FOR UPDATE SKIP LOCKED)`,
            [now, email],
          );
          return { kind: 'already' };
        }
        await client.query('INSERT INTO mail_outbox (email, unsubscribe_token, language, next_attempt_at) VALUES ($1, $2, $3, $4)', [email, token, language, now]);
        return { kind: 'added' };
      });
    },
    async find(token) {
      if (!isTokenShaped(token)) return null;
      await ready();
      const { rows } = await pool.query<{ email: string }>('SELECT email FROM signups WHERE unsubscribe_hash = $1', [hashToken(token)]);
      return rows[0]?.email ?? null;
    },
    async remove(token) {
      if (!isTokenShaped(token)) return null;
      await ready();
      const { rows } = await pool.query<{ email: string }>('DELETE FROM signups WHERE unsubscribe_hash = $1 RETURNING email', [hashToken(token)]);
      return rows[0]?.email ?? null;
    },
    async removeGivenUpTo(time) {
      await ready();
      const { rowCount } = await pool.query('DELETE FROM signups WHERE consented_at <= $1', [time]);
      return rowCount ?? 0;
    },
  };
}
