// The sign-up mail queue on PostgreSQL (the MailOutbox contract; same table as on SQLite), for
// several nodes sending at once. A mail is claimed with FOR UPDATE SKIP LOCKED in a transaction
// that lasts as long as its attempt and commits the outcome: another node skips the claimed row,
// so one mail is never handed over twice by two nodes; a node that dies mid-send ends its
// transaction with its connection, and the mail is due again at once for any node. Delivery stays
// at least once: a mail handed over whose outcome cannot commit is sent again later.
import type pg from 'pg';
import { inTransaction } from '../../postgres/postgres-transaction.ts';
import { lazySchema } from '../postgres-sql.ts';
import { MAIL_COLUMNS, toMail, type MailOutbox, type MailRow } from './mail-outbox.ts';
import { POSTGRES_WEBSITE_SCHEMA } from './website-schema.ts';

export function createPostgresMailOutbox(pool: pg.Pool, ready = lazySchema(pool, POSTGRES_WEBSITE_SCHEMA)): MailOutbox {
  return {
    async sendNext(now, attempt) {
      await ready();
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<MailRow>(
          `SELECT ${MAIL_COLUMNS} FROM mail_outbox WHERE next_attempt_at <= $1
           ORDER BY next_attempt_at, mail_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        );
        if (rows[0] === undefined) return false;
        const mail = toMail(rows[0]);
        const outcome = await attempt(mail);
        if (outcome.kind === 'sent') {
          await client.query('DELETE FROM mail_outbox WHERE mail_id = $1', [mail.mailId]);
        } else if (outcome.kind === 'retry') {
          await client.query('UPDATE mail_outbox SET attempts = $1, next_attempt_at = $2 WHERE mail_id = $3', [outcome.attempts, outcome.at, mail.mailId]);
        } else {
          // The address goes with its mail (the row cascades), so trying again later starts afresh.
          await client.query('DELETE FROM signups WHERE email = $1', [mail.email]);
        }
        return true;
      });
    },
    async nextDueAt() {
      await ready();
      const { rows } = await pool.query<{ at: number | null }>('SELECT min(next_attempt_at) AS at FROM mail_outbox');
      return rows[0]?.at ?? null;
    },
  };
}
