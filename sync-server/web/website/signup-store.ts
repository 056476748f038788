// Sign-ups: an address is stored once (lower-cased, so case cannot duplicate it) with the time it
// was given, and in the same transaction its mail is queued (MailOutbox): either both are stored
// or neither is. The unsubscribe token is random and only its SHA-256 is kept here, so the table
// alone cannot be used to unsubscribe anyone.
import { createHash, randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../sql-database.ts';
import { eraseDeleted } from './erase-deleted.ts';
import type { MailOutbox } from './mail-outbox.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export type SignUpResult = { readonly kind: 'added' } | { readonly kind: 'already' };

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export class SignUpStore {
  readonly #add;
  readonly #findByHash;
  readonly #deleteByHash;
  readonly #deleteUpTo;
  readonly #erase: () => void;

  constructor(db: SqlDatabase, outbox: MailOutbox) {
    ensureWebsiteSchema(db);
    this.#erase = () => eraseDeleted(db);
    const insert = db.prepare<[string, number, Buffer]>(
      'INSERT INTO signups (email, consented_at, unsubscribe_hash) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING',
    );
    this.#add = db.transaction((email: string, now: number): SignUpResult => {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      if (insert.run(email, now, hashToken(token)).changes === 0) {
        outbox.expedite(email, now);
        return { kind: 'already' };
      }
      outbox.enqueue(email, token, now);
      return { kind: 'added' };
    });
    this.#findByHash = db.prepare<[Buffer], { email: string }>('SELECT email FROM signups WHERE unsubscribe_hash = ?');
    this.#deleteByHash = db.prepare<[Buffer], { email: string }>('DELETE FROM signups WHERE unsubscribe_hash = ? RETURNING email');
    this.#deleteUpTo = db.prepare<[number]>('DELETE FROM signups WHERE consented_at <= ?');
  }

  /** `email` must already be normalised (checkEmail). Throws when the database cannot commit;
   *  then nothing of the sign-up is stored. */
  add(email: string, now: number): SignUpResult {
    return this.#add(email, now);
  }

  /** The address an unsubscribe token belongs to, or null for an unknown or malformed token. */
  find(token: string): string | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    return this.#findByHash.get(hashToken(token))?.email ?? null;
  }

  /** Deletes the sign-up (and its queued mail) and says whose it was, or null if unknown. */
  remove(token: string): string | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const email = this.#deleteByHash.get(hashToken(token))?.email ?? null;
    if (email !== null) this.#erase();
    return email;
  }

  /** Deletes every sign-up given at or before `time`; returns how many. */
  removeGivenUpTo(time: number): number {
    const { changes } = this.#deleteUpTo.run(time);
    if (changes > 0) this.#erase();
    return changes;
  }
}
