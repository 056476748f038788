// Sign-ups: an address is stored once (lower-cased, so case cannot duplicate it) with the time it
// was given. The unsubscribe token is random and only its SHA-256 is stored, so the table alone
// cannot be used to unsubscribe anyone.
import { createHash, randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../sql-database.ts';
import { ensureWebsiteSchema } from './website-schema.ts';

export type SignUpResult = { readonly kind: 'added'; readonly unsubscribeToken: string } | { readonly kind: 'already' };

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export class SignUpStore {
  readonly #insert;
  readonly #findByHash;
  readonly #deleteByHash;

  constructor(db: SqlDatabase) {
    ensureWebsiteSchema(db);
    this.#insert = db.prepare<[string, number, Buffer]>(
      'INSERT INTO signups (email, consented_at, unsubscribe_hash) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING',
    );
    this.#findByHash = db.prepare<[Buffer], { email: string }>('SELECT email FROM signups WHERE unsubscribe_hash = ?');
    this.#deleteByHash = db.prepare<[Buffer]>('DELETE FROM signups WHERE unsubscribe_hash = ?');
  }

  /** `email` must already be normalised (checkEmail). */
  add(email: string, now: number): SignUpResult {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const { changes } = this.#insert.run(email, now, hashToken(token));
    return changes === 1 ? { kind: 'added', unsubscribeToken: token } : { kind: 'already' };
  }

  /** The address an unsubscribe token belongs to, or null for an unknown or malformed token. */
  find(token: string): string | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    return this.#findByHash.get(hashToken(token))?.email ?? null;
  }

  remove(token: string): boolean {
    if (!TOKEN_PATTERN.test(token)) return false;
    return this.#deleteByHash.run(hashToken(token)).changes === 1;
  }
}
