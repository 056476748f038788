// The OpenID records on PostgreSQL (the OidcRecords contract; same tables and columns as on
// SQLite), for several relays on one database: a flow stored by one node is taken by whichever
// node the provider's callback reaches, and a flow or code is taken with DELETE ... RETURNING,
// so of two nodes redeeming one code at once exactly one gets the row. Linking and account
// creation rely on the keys (a concurrent duplicate fails its insert and reads as "taken"); an
// unlink locks the account's row, so two unlinks at once cannot remove its last way to sign in.
// The accounts table is the access records' (created with them).
import type pg from 'pg';
import type { AccountId } from '../access/access-ids.ts';
import { inTransaction } from '../../postgres/postgres-transaction.ts';
import { lazySchema } from '../postgres-sql.ts';
import { keepsLastSignIn, live, type CodeRow, type FlowRow, type IdentityRow, type OidcRecords } from './oidc-records.ts';
import { POSTGRES_OIDC_SCHEMA } from './oidc-schema.ts';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;


export function createPostgresOidcRecords(pool: pg.Pool, ready = lazySchema(pool, POSTGRES_OIDC_SCHEMA)): OidcRecords {
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    await ready();
    return pool.query<R>(sql, params);
  };
  const insertIdentity = (client: pg.PoolClient | pg.Pool, row: IdentityRow) =>
    client.query(
      'INSERT INTO identities (identity_id, issuer, subject, account_id, email, name, linked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [row.identity_id, row.issuer, row.subject, row.account_id, row.email, row.name, row.linked_at],
    );

  /** Short-lived rows kept under a hash key: stored whole, taken (read and deleted) at most once. */
  const oneTime = <T extends { readonly expires_at: number }>(table: string, key: keyof T & string, columns: readonly (keyof T & string)[]) => ({
    async insert(row: T) {
      const places = columns.map((_, i) => `$${i + 1}`).join(', ');
      await query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${places})`, columns.map((column) => row[column]));
    },
    async take(hash: Buffer, now: number): Promise<T | null> {
      const { rows } = await query<T>(`DELETE FROM ${table} WHERE ${key} = $1 RETURNING *`, [hash]);
      return live(rows[0], now);
    },
  });
  const flows = oneTime<FlowRow>('oidc_flows', 'state_hash', [
    'state_hash', 'provider', 'intent', 'redirect_uri', 'client_state', 'code_challenge', 'code_verifier', 'nonce', 'expires_at',
  ]);
  const codes = oneTime<CodeRow>('oidc_codes', 'code_hash', [
    'code_hash', 'intent', 'account_id', 'issuer', 'subject', 'email', 'name', 'code_challenge', 'expires_at',
  ]);

  return {
    insertFlow: flows.insert,
    takeFlow: flows.take,
    insertCode: codes.insert,
    takeCode: codes.take,
    async purgeExpired(now) {
      await query('DELETE FROM oidc_flows WHERE expires_at <= $1', [now]);
      await query('DELETE FROM oidc_codes WHERE expires_at <= $1', [now]);
    },
    async identityOf(issuer, subject) {
      const { rows } = await query<IdentityRow>('SELECT * FROM identities WHERE issuer = $1 AND subject = $2', [issuer, subject]);
      return rows[0] ?? null;
    },
    async identitiesOf(account) {
      const { rows } = await query<IdentityRow>('SELECT * FROM identities WHERE account_id = $1 ORDER BY linked_at', [account]);
      return rows;
    },
    async refreshIdentity(id, email, name) {
      await query('UPDATE identities SET email = coalesce($1, email), name = $2 WHERE identity_id = $3', [email, name, id]);
    },
    async linkIdentity(row) {
      await ready();
      return ((await insertIdentity(pool, row)).rowCount ?? 0) > 0;
    },
    async createAccountWith(account, row) {
      await ready();
      try {
        return await inTransaction(pool, async (client) => {
          const taken = await client.query('SELECT 1 FROM accounts WHERE email = $1', [account.email]);
          if ((taken.rowCount ?? 0) > 0) return false;
          // Another node creating an account with this email at once fails here on the email's key.
          await client.query('INSERT INTO accounts (account_id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
            account.account_id,
            account.email,
            account.name,
            account.password_hash,
            account.created_at,
          ]);
          // An identity linked meanwhile: nothing of this account may stay (the rollback undoes it).
          if ((await insertIdentity(client, row)).rowCount === 0) throw new IdentityTakenError();
          return true;
        });
      } catch (error) {
        if (error instanceof IdentityTakenError || isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async unlinkIdentity(id, account: AccountId) {
      await ready();
      return inTransaction(pool, async (client) => {
        const owner = await client.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE account_id = $1 FOR UPDATE', [account]);
        const { rows } = await client.query<{ identity_id: string }>('SELECT identity_id FROM identities WHERE account_id = $1', [account]);
        if (keepsLastSignIn(rows.length, owner.rows[0]?.password_hash ?? '')) {
          return rows.some((r) => r.identity_id === id) ? 'last' : 'unknown';
        }
        const deleted = await client.query('DELETE FROM identities WHERE identity_id = $1 AND account_id = $2', [id, account]);
        return (deleted.rowCount ?? 0) > 0 ? 'unlinked' : 'unknown';
      });
    },
  };
}

/** Rolls back an account whose identity was linked by another node in the meantime. */
class IdentityTakenError extends Error {
  override readonly name = 'IdentityTakenError';
}
