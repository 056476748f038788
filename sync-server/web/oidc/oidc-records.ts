// The OpenID records: the interface the routes use, and its SQLite implementation (every
// statement prepared once; postgres-oidc-records.ts is the one for several relays on one
// database). Identities are the lasting record (issuer, subject) → account. Flows (a sign-in
// waiting at the provider) and codes (a finished one waiting for its client) are short-lived:
// each row is taken, that is read and deleted in one statement, so a state or a code can never be
// used twice. States and codes are stored only as SHA-256 hashes. On SQLite the tables are
// created with the access schema (oidc-schema.ts).
import type { SqlDatabase } from '../sql-database.ts';
import type { AccountId } from '../access/access-ids.ts';
import type { AccountRow } from '../access/access-records.ts';
import { hasPassword } from '../access/password-hash.ts';

export interface IdentityRow {
  readonly identity_id: string;
  readonly issuer: string;
  readonly subject: string;
  readonly account_id: AccountId;
  /** Only ever a verified email; null when the provider did not vouch for one. */
  readonly email: string | null;
  readonly name: string;
  readonly linked_at: number;
}

export interface FlowRow {
  readonly state_hash: Buffer;
  readonly provider: string;
  readonly intent: string;
  readonly redirect_uri: string;
  readonly client_state: string;
  readonly code_challenge: string;
  readonly code_verifier: string;
  readonly nonce: string;
  readonly expires_at: number;
}

export interface CodeRow {
  readonly code_hash: Buffer;
  readonly intent: string;
  /** Set for a sign-in code: the account it signs in to. Null for a link code. */
  readonly account_id: AccountId | null;
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly name: string;
  readonly code_challenge: string;
  readonly expires_at: number;
}

export type UnlinkResult = 'unlinked' | 'unknown' | 'last';

export interface OidcRecords {
  insertFlow(flow: FlowRow): Promise<void>;
  /** The flow for this state, removed; null when unknown, already used or expired. */
  takeFlow(stateHash: Buffer, now: number): Promise<FlowRow | null>;
  insertCode(code: CodeRow): Promise<void>;
  /** The code, removed (so it is redeemed at most once); null when unknown, used or expired. */
  takeCode(codeHash: Buffer, now: number): Promise<CodeRow | null>;
  purgeExpired(now: number): Promise<void>;
  identityOf(issuer: string, subject: string): Promise<IdentityRow | null>;
  identitiesOf(account: AccountId): Promise<IdentityRow[]>;
  /** Keeps the stored email and name current; an unverified email (null) never replaces one. */
  refreshIdentity(identityId: string, email: string | null, name: string): Promise<void>;
  /** False when the identity is linked already (to this or another account). */
  linkIdentity(row: IdentityRow): Promise<boolean>;
  /** A new account signed in by this identity; false when the email has an account already. */
  createAccountWith(account: AccountRow, identity: IdentityRow): Promise<boolean>;
  /** Removes the identity unless it is the account's last way to sign in. */
  unlinkIdentity(identityId: string, account: AccountId): Promise<UnlinkResult>;
}

/** The account's last way to sign in stays: one identity left and no password. */
export function keepsLastSignIn(identityCount: number, passwordHash: string): boolean {
  return identityCount <= 1 && !hasPassword(passwordHash);
}

export function createSqliteOidcRecords(db: SqlDatabase): OidcRecords {
  const q = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);

  const insertFlow = q<unknown[]>(
    'INSERT INTO oidc_flows (state_hash, provider, intent, redirect_uri, client_state, code_challenge, code_verifier, nonce, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const takeFlow = q<[Buffer], FlowRow>('DELETE FROM oidc_flows WHERE state_hash = ? RETURNING *');
  const insertCode = q<unknown[]>(
    'INSERT INTO oidc_codes (code_hash, intent, account_id, issuer, subject, email, name, code_challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const takeCode = q<[Buffer], CodeRow>('DELETE FROM oidc_codes WHERE code_hash = ? RETURNING *');
  const purge = [q<[number]>('DELETE FROM oidc_flows WHERE expires_at <= ?'), q<[number]>('DELETE FROM oidc_codes WHERE expires_at <= ?')];
  const identityOf = q<[string, string], IdentityRow>('SELECT * FROM identities WHERE issuer = ? AND subject = ?');
  const identitiesOf = q<[string], IdentityRow>('SELECT * FROM identities WHERE account_id = ? ORDER BY linked_at');
  const insertIdentity = q<unknown[]>(
    'INSERT INTO identities (identity_id, issuer, subject, account_id, email, name, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const refreshIdentity = q<[string | null, string, string]>('UPDATE identities SET email = coalesce(?, email), name = ? WHERE identity_id = ?');
  const deleteIdentity = q<[string, string]>('DELETE FROM identities WHERE identity_id = ? AND account_id = ?');
  const countIdentities = q<[string], { n: number }>('SELECT count(*) AS n FROM identities WHERE account_id = ?');
  const accountByEmail = q<[string], { account_id: string }>('SELECT account_id FROM accounts WHERE email = ?');
  const insertAccount = q<unknown[]>('INSERT INTO accounts (account_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const passwordOf = q<[string], { password_hash: string }>('SELECT password_hash FROM accounts WHERE account_id = ?');

  const addIdentity = (row: IdentityRow) =>
    void insertIdentity.run(row.identity_id, row.issuer, row.subject, row.account_id, row.email, row.name, row.linked_at);

  const linkIdentity = db.transaction((row: IdentityRow): boolean => {
    if (identityOf.get(row.issuer, row.subject) !== undefined) return false;
    addIdentity(row);
    return true;
  });
  const createAccountWith = db.transaction((account: AccountRow, identity: IdentityRow): boolean => {
    if (accountByEmail.get(account.email) !== undefined || identityOf.get(identity.issuer, identity.subject) !== undefined) {
      return false;
    }
    insertAccount.run(account.account_id, account.email, account.name, account.password_hash, account.created_at);
    addIdentity(identity);
    return true;
  });
  const unlinkIdentity = db.transaction((id: string, account: AccountId): UnlinkResult => {
    if (keepsLastSignIn(countIdentities.get(account)?.n ?? 0, passwordOf.get(account)?.password_hash ?? '')) {
      return identitiesOf.all(account).some((row) => row.identity_id === id) ? 'last' : 'unknown';
    }
    return deleteIdentity.run(id, account).changes > 0 ? 'unlinked' : 'unknown';
  });

  return {
    insertFlow: async (f) =>
      void insertFlow.run(f.state_hash, f.provider, f.intent, f.redirect_uri, f.client_state, f.code_challenge, f.code_verifier, f.nonce, f.expires_at),
    takeFlow: async (stateHash, now) => live(takeFlow.get(stateHash), now),
    insertCode: async (c) =>
      void insertCode.run(c.code_hash, c.intent, c.account_id, c.issuer, c.subject, c.email, c.name, c.code_challenge, c.expires_at),
    takeCode: async (codeHash, now) => live(takeCode.get(codeHash), now),
    purgeExpired: async (now) => void purge.forEach((statement) => statement.run(now)),
    identityOf: async (issuer, subject) => identityOf.get(issuer, subject) ?? null,
    identitiesOf: async (account) => identitiesOf.all(account),
    refreshIdentity: async (id, email, name) => void refreshIdentity.run(email, name, id),
    linkIdentity: async (row) => linkIdentity(row),
    createAccountWith: async (account, identity) => createAccountWith(account, identity),
    unlinkIdentity: async (id, account) => unlinkIdentity(id, account),
  };
}

export function live<T extends { readonly expires_at: number }>(row: T | undefined, now: number): T | null {
  return row !== undefined && row.expires_at > now ? row : null;
}
