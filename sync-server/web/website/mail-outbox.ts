// The queue of sign-up mail in the database (transactional outbox). A row is written in the same
// transaction as its sign-up, so an address is never stored without its mail; it holds the raw
// removal token only until the mail is handed to the mail server, and is deleted then.
import type { SqlDatabase } from '../sql-database.ts';
import { eraseDeleted } from './erase-deleted.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export interface QueuedMail {
  readonly mailId: number;
  readonly email: string;
  readonly unsubscribeToken: string;
  /** Failed attempts so far. */
  readonly attempts: number;
}

interface Row {
  readonly mail_id: number;
  readonly email: string;
  readonly unsubscribe_token: string;
  readonly attempts: number;
}

const toMail = (row: Row): QueuedMail => ({ mailId: row.mail_id, email: row.email, unsubscribeToken: row.unsubscribe_token, attempts: row.attempts });

export class MailOutbox {
  readonly #enqueue;
  readonly #due;
  readonly #nextDue;
  readonly #sent;
  readonly #retry;
  readonly #expedite;
  readonly #abandon;
  readonly #erase: () => void;

  constructor(db: SqlDatabase) {
    ensureWebsiteSchema(db);
    this.#erase = () => eraseDeleted(db);
    this.#enqueue = db.prepare<[string, string, number]>('INSERT INTO mail_outbox (email, unsubscribe_token, next_attempt_at) VALUES (?, ?, ?)');
    this.#due = db.prepare<[number, number], Row>(
      'SELECT mail_id, email, unsubscribe_token, attempts FROM mail_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, mail_id LIMIT ?',
    );
    this.#nextDue = db.prepare<[], { at: number | null }>('SELECT min(next_attempt_at) AS at FROM mail_outbox');
    this.#sent = db.prepare<[number]>('DELETE FROM mail_outbox WHERE mail_id = ?');
    this.#retry = db.prepare<[number, number, number]>('UPDATE mail_outbox SET attempts = ?, next_attempt_at = ? WHERE mail_id = ?');
    this.#expedite = db.prepare<[number, string, number]>('UPDATE mail_outbox SET next_attempt_at = ? WHERE email = ? AND next_attempt_at > ?');
    // The address goes with its mail (the row cascades), so trying again later starts afresh.
    this.#abandon = db.prepare<[number]>('DELETE FROM signups WHERE email = (SELECT email FROM mail_outbox WHERE mail_id = ?)');
  }

  /** Only inside the sign-up's transaction (SignUpStore.add). */
  enqueue(email: string, unsubscribeToken: string, now: number): void {
    this.#enqueue.run(email, unsubscribeToken, now);
  }

  due(now: number, limit: number): QueuedMail[] {
    return this.#due.all(now, limit).map(toMail);
  }

  /** When the earliest queued mail is due, or null when none is queued. */
  nextDueAt(): number | null {
    return this.#nextDue.get()?.at ?? null;
  }

  /** The removal token leaves the files too, not only the table. */
  sent(mailId: number): void {
    this.#sent.run(mailId);
    this.#erase();
  }

  retryAt(mailId: number, attempts: number, at: number): void {
    this.#retry.run(attempts, at, mailId);
  }

  /** A repeated sign-up for an address whose mail is still waiting: try it now. */
  expedite(email: string, now: number): boolean {
    return this.#expedite.run(now, email, now).changes > 0;
  }

  abandon(mailId: number): void {
    this.#abandon.run(mailId);
    this.#erase();
  }
}
