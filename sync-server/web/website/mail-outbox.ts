// The queue of sign-up mail in the database (transactional outbox). A row is written in the same
// transaction as its sign-up (SignUpStore.add), so an address is never stored without its mail;
// it holds the raw removal token and the sign-up page's language (the mail is composed from them
// when it is sent, which may be after a restart) only until the mail is handed to the mail
// server, and is deleted then. A mail is sent through sendNext, which claims it for the length of
// the attempt and records the outcome, so no two senders (nodes) hand one mail over twice. This
// file holds the interface and the SQLite implementation (one process, one sender);
// postgres-mail-outbox.ts claims rows across nodes.
import { DEFAULT_LANGUAGE, isSiteLanguage, type SiteLanguage } from '../languages/site-languages.ts';
import type { SqlDatabase } from '../sql-database.ts';
import { eraseDeleted } from './erase-deleted.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export interface QueuedMail {
  readonly mailId: number;
  readonly email: string;
  readonly unsubscribeToken: string;
  /** The language the sign-up page spoke; the mail is written in it. */
  readonly language: SiteLanguage;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/** What became of one attempt: handed over, to be tried again at `at`, or given up (the address
 *  is deleted with it, so the person can sign up again). */
export type MailOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly attempts: number; readonly at: number }
  | { readonly kind: 'abandon' };

export interface MailOutbox {
  /** Claims the earliest mail due at `now`, lets `attempt` try it, and records the outcome.
   *  Resolves false when no mail is due (or every due one is claimed by another sender). */
  sendNext(now: number, attempt: (mail: QueuedMail) => Promise<MailOutcome>): Promise<boolean>;
  /** When the earliest queued mail is due, or null when none is queued. */
  nextDueAt(): Promise<number | null>;
}

export interface MailRow {
  readonly mail_id: number;
  readonly email: string;
  readonly unsubscribe_token: string;
  readonly language: string;
  readonly attempts: number;
}

export const MAIL_COLUMNS = 'mail_id, email, unsubscribe_token, language, attempts';

export const toMail = (row: MailRow): QueuedMail => ({
  mailId: row.mail_id,
  email: row.email,
  unsubscribeToken: row.unsubscribe_token,
  // A language this relay no longer speaks (a row from a newer one) still gets its mail.
  language: isSiteLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
  attempts: row.attempts,
});

export function createSqliteMailOutbox(db: SqlDatabase): MailOutbox {
  ensureWebsiteSchema(db);
  const due = db.prepare<[number], MailRow>(
    `SELECT ${MAIL_COLUMNS} FROM mail_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, mail_id LIMIT 1`,
  );
  const nextDue = db.prepare<[], { at: number | null }>('SELECT min(next_attempt_at) AS at FROM mail_outbox');
  const sent = db.prepare<[number]>('DELETE FROM mail_outbox WHERE mail_id = ?');
  const retry = db.prepare<[number, number, number]>('UPDATE mail_outbox SET attempts = ?, next_attempt_at = ? WHERE mail_id = ?');
  // The address goes with its mail (the row cascades), so trying again later starts afresh.
  const abandon = db.prepare<[number]>('DELETE FROM signups WHERE email = (SELECT email FROM mail_outbox WHERE mail_id = ?)');

  return {
    async sendNext(now, attempt) {
      const row = due.get(now);
      if (row === undefined) return false;
      const mail = toMail(row);
      const outcome = await attempt(mail);
      if (outcome.kind === 'retry') {
        retry.run(outcome.attempts, outcome.at, mail.mailId);
        return true;
      }
      (outcome.kind === 'sent' ? sent : abandon).run(mail.mailId);
      // The removal token and the address leave the files too, not only the table.
      eraseDeleted(db);
      return true;
    },
    async nextDueAt() {
      return nextDue.get()?.at ?? null;
    },
  };
}
