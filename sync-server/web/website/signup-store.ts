// Sign-ups: an address is stored once (lower-cased, so case cannot duplicate it) with the time it
// was given, and in the same transaction its mail is queued (mail_outbox) in the language the
// page spoke: either both are stored or neither is. A repeated sign-up keeps the first mail as
// it was queued. The unsubscribe token is random and only its SHA-256 is kept here, so the table
// alone cannot be used to unsubscribe anyone. This file holds the interface and the SQLite
// implementation; postgres-signup-store.ts is the one for several relays on one database.
import { createHash, randomBytes } from 'node:crypto';
import type { SiteLanguage } from '../languages/site-languages.ts';
import type { SqlDatabase } from '../sql-database.ts';
import { eraseDeleted } from './erase-deleted.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export type SignUpResult = { readonly kind: 'added' } | { readonly kind: 'already' };

export interface SignUpStore {
  /** `email` must already be normalised (checkEmail). Rejects when the database cannot commit;
   *  then nothing of the sign-up is stored. A repeated sign-up whose mail still waits makes
   *  that mail due now. The mail is written in `language`. */
  add(email: string, now: number, language: SiteLanguage): Promise<SignUpResult>;
  /** The address an unsubscribe token belongs to, or null for an unknown or malformed token. */
  find(token: string): Promise<string | null>;
  /** Deletes the sign-up (and its queued mail) and says whose it was, or null if unknown. */
  remove(token: string): Promise<string | null>;
  /** Deletes every sign-up given at or before `time`; resolves how many. */
  removeGivenUpTo(time: number): Promise<number>;
}

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newUnsubscribeToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');
export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();
/** Only a token of the issued shape is looked up; anything else is unknown without a query. */
export const isTokenShaped = (token: string): boolean => TOKEN_PATTERN.test(token);

export function createSqliteSignupStore(db: SqlDatabase): SignUpStore {
  ensureWebsiteSchema(db);
  const erase = () => eraseDeleted(db);
  const insert = db.prepare<[string, number, Buffer]>(
    'INSERT INTO signups (email, consented_at, unsubscribe_hash) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING',
  );
  const enqueue = db.prepare<[string, string, string, number]>('INSERT INTO mail_outbox (email, unsubscribe_token, language, next_attempt_at) VALUES (?, ?, ?, ?)');
  const expedite = db.prepare<[number, string, number]>('UPDATE mail_outbox SET next_attempt_at = ? WHERE email = ? AND next_attempt_at > ?');
  const add = db.transaction((email: string, now: number, language: SiteLanguage): SignUpResult => {
    const token = newUnsubscribeToken();
    if (insert.run(email, now, hashToken(token)).changes === 0) {
      expedite.run(now, email, now);
      return { kind: 'already' };
    }
    enqueue.run(email, token, language, now);
    return { kind: 'added' };
  });
  const findByHash = db.prepare<[Buffer], { email: string }>('SELECT email FROM signups WHERE unsubscribe_hash = ?');
  const deleteByHash = db.prepare<[Buffer], { email: string }>('DELETE FROM signups WHERE unsubscribe_hash = ? RETURNING email');
  const deleteUpTo = db.prepare<[number]>('DELETE FROM signups WHERE consented_at <= ?');

  return {
    add: async (email, now, language) => add(email, now, language),
    async find(token) {
      if (!isTokenShaped(token)) return null;
      return findByHash.get(hashToken(token))?.email ?? null;
    },
    async remove(token) {
      if (!isTokenShaped(token)) return null;
      const email = deleteByHash.get(hashToken(token))?.email ?? null;
      if (email !== null) erase();
      return email;
    },
    async removeGivenUpTo(time) {
      const { changes } = deleteUpTo.run(time);
      if (changes > 0) erase();
      return changes;
    },
  };
}
