// AccessRecords on PostgreSQL, shared by every relay node on one database. The pool parses int8 as
// a number (postgres-access-pool.ts), so rows read as they do on SQLite. What SQLite gets from its
// single writer, this gets from constraints and locks: a unique email with ON CONFLICT DO NOTHING,
// a per-account advisory transaction lock around the meeting cap and account deletion (two nodes
// claiming for one account at once cannot both pass the count), and single transactions for a
// password change and an account's deletion.
import type pg from 'pg';
import type { AccountId, SessionId, ShareId } from './access-ids.ts';
import { inTransaction } from '../../postgres/postgres-transaction.ts';
import { documentsOf, type AccessRecords, type AccountRow, type ConnectedSignIn, type MeetingClaim, type MeetingDeletion, type MeetingRow, type SessionRow, type ShareRow } from './access-records.ts';

const SESSION_COLUMNS = 'session_id, account_id, created_at, last_used_at, expires_at';
const SHARE_COLUMNS = 'share_id, meeting_id, account_id, role, created_at, expires_at, revoked_at, label';
/** A meeting's owner and whether it was deleted, in one round trip (they never both hold). */
const MEETING_STATE =
  'SELECT (SELECT account_id FROM meeting_owners WHERE meeting_id = $1) AS owner, EXISTS (SELECT 1 FROM deleted_meetings WHERE meeting_id = $1) AS deleted';
interface MeetingState {
  readonly owner: AccountId | null;
  readonly deleted: boolean;
}
/** Rows of the OpenID tables go with the account; those tables may not exist (yet) on PostgreSQL. */
const OPENID_TABLES = ['identities', 'oidc_codes'] as const;

export function createPostgresAccessRecords(pool: pg.Pool): AccessRecords {
  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => (await pool.query<R>(sql, params)).rows;
  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R | null> => (await rows<R>(sql, params))[0] ?? null;
  const changed = async (sql: string, params: unknown[]): Promise<number> => (await pool.query(sql, params)).rowCount ?? 0;
  const lockAccount = (client: pg.PoolClient, account: AccountId) =>
    client.query("SELECT pg_advisory_xact_lock(hashtextextended('account:' || $1, 0))", [account]);
  const tableExists = async (client: pg.PoolClient | pg.Pool, table: string) =>
    (await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table])).rows[0]?.present === true;

  return {
    accountByEmail: (email) => one<AccountRow>('SELECT * FROM accounts WHERE email = $1', [email]),
    accountById: (id) => one<AccountRow>('SELECT * FROM accounts WHERE account_id = $1', [id]),
    insertAccount: async (a) =>
      (await changed('INSERT INTO accounts (account_id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        a.account_id,
        a.email,
        a.name,
        a.password_hash,
        a.created_at,
      ])) > 0,
    insertSession: async (s) =>
      void (await pool.query('INSERT INTO sessions (session_id, token_hash, account_id, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        s.session_id,
        s.token_hash,
        s.account_id,
        s.created_at,
        s.last_used_at,
        s.expires_at,
      ])),
    liveSessionByHash: (hash, now) => one<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1 AND expires_at > $2`, [hash, now]),
    sessionById: (id) => one<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = $1`, [id]),
    liveSessionsOf: (account, now) => rows<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at`, [account, now]),
    touchSession: async (id, now) => void (await pool.query('UPDATE sessions SET last_used_at = $1 WHERE session_id = $2', [now, id])),
    deleteSession: async (id, account) => (await changed('DELETE FROM sessions WHERE session_id = $1 AND account_id = $2', [id, account])) > 0,
    purgeExpiredSessions: (now) => changed('DELETE FROM sessions WHERE expires_at <= $1', [now]),
    claimMeeting: (meetingId, account, now, max) =>
      inTransaction(pool, async (client): Promise<MeetingClaim> => {
        await lockAccount(client, account);
        const state = async () => (await client.query<MeetingState>(MEETING_STATE, [meetingId])).rows[0]!;
        const before = await state();
        if (before.owner !== null) return { kind: 'owner', owner: before.owner };
        if (before.deleted) return { kind: 'deleted' };
        const { rows: counted } = await client.query<{ n: number }>('SELECT count(*) AS n FROM meeting_owners WHERE account_id = $1', [account]);
        if ((counted[0]?.n ?? 0) >= max) return { kind: 'limit' };
        for (;;) {
          // Another account may claim the same meeting at this moment: the key decides, and a
          // fresh read (READ COMMITTED) names whoever won. A tombstone committed by then keeps the
          // row out, in the same statement, so a deleted meeting never gets an owner again.
          const inserted = await client.query(
            'INSERT INTO meeting_owners (meeting_id, account_id, claimed_at) SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM deleted_meetings WHERE meeting_id = $1) ON CONFLICT DO NOTHING',
            [meetingId, account, now],
          );
          if (inserted.rowCount === 1) return { kind: 'owner', owner: account };
          const after = await state();
          if (after.owner !== null) return { kind: 'owner', owner: after.owner };
          if (after.deleted) return { kind: 'deleted' };
          // The winner's account was deleted in between (no tombstone): the id is free again.
        }
      }),
    ownerOf: async (meetingId) => (await one<{ account_id: AccountId }>('SELECT account_id FROM meeting_owners WHERE meeting_id = $1', [meetingId]))?.account_id ?? null,
    insertShare: async (s) =>
      void (await pool.query('INSERT INTO shares (share_id, meeting_id, account_id, role, created_at, expires_at, label) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        s.share_id,
        s.meeting_id,
        s.account_id,
        s.role,
        s.created_at,
        s.expires_at,
        s.label,
      ])),
    shareById: (id) => one<ShareRow>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE share_id = $1`, [id]),
    sharesOf: (meetingId) => rows<ShareRow>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE meeting_id = $1 ORDER BY created_at`, [meetingId]),
    revokeShare: async (id, now) => void (await pool.query('UPDATE shares SET revoked_at = $1 WHERE share_id = $2 AND revoked_at IS NULL', [now, id])),
    meetingsOf: (account) => rows<MeetingRow>('SELECT meeting_id, claimed_at FROM meeting_owners WHERE account_id = $1 ORDER BY claimed_at, meeting_id', [account]),
    sharesOfAccount: (account) => rows<ShareRow>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE account_id = $1 ORDER BY created_at`, [account]),
    connectedSignInsOf: async (account) =>
      (await tableExists(pool, 'identities'))
        ? rows<ConnectedSignIn>('SELECT issuer, subject, email, name, linked_at FROM identities WHERE account_id = $1 ORDER BY linked_at', [account])
        : [],
    setName: async (account, name) => void (await pool.query('UPDATE accounts SET name = $1 WHERE account_id = $2', [name, account])),
    replacePasswordHash: async (account, old, next) =>
      (await changed('UPDATE accounts SET password_hash = $1 WHERE account_id = $2 AND password_hash = $3', [next, account, old])) > 0,
    changePassword: (account, passwordHash, keep) =>
      inTransaction(pool, async (client) => {
        await client.query('UPDATE accounts SET password_hash = $1 WHERE account_id = $2', [passwordHash, account]);
        const ended = await client.query<{ session_id: SessionId }>('DELETE FROM sessions WHERE account_id = $1 AND session_id <> $2 RETURNING session_id', [account, keep]);
        return ended.rows.map((row) => row.session_id);
      }),
    deleteAccount: (account, now) =>
      inTransaction(pool, async (client) => {
        // The same lock as claimMeeting, so no meeting is claimed between the list and the delete.
        await lockAccount(client, account);
        const meetings = await client.query<MeetingRow>('SELECT meeting_id, claimed_at FROM meeting_owners WHERE account_id = $1 ORDER BY claimed_at, meeting_id', [account]);
        const docs = documentsOf(account, meetings.rows);
        await client.query(
          'INSERT INTO pending_document_deletions (doc, requested_at) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING',
          [docs, now],
        );
        const tables = ['sessions', 'shares', 'meeting_owners'];
        for (const table of OPENID_TABLES) if (await tableExists(client, table)) tables.push(table);
        // Table names come from the lists above, never from input.
        for (const table of [...tables, 'accounts']) await client.query(`DELETE FROM ${table} WHERE account_id = $1`, [account]);
        return docs;
      }),
    deleteMeeting: (meetingId, account, now) =>
      inTransaction(pool, async (client): Promise<MeetingDeletion> => {
        // The row lock keeps a concurrent deletion (or account deletion) from passing the check too;
        // one that committed first leaves no row here, and its tombstone is read after the lock.
        const owner = (await client.query<{ account_id: AccountId }>('SELECT account_id FROM meeting_owners WHERE meeting_id = $1 FOR UPDATE', [meetingId])).rows[0]?.account_id;
        if (owner !== account) {
          if (owner === undefined && (await client.query<MeetingState>(MEETING_STATE, [meetingId])).rows[0]!.deleted) return { kind: 'gone' };
          return { kind: owner === undefined ? 'absent' : 'forbidden' };
        }
        await client.query('INSERT INTO deleted_meetings (meeting_id, deleted_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [meetingId, now]);
        await client.query('INSERT INTO pending_document_deletions (doc, requested_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [`meeting/${meetingId}`, now]);
        const shares = await client.query<{ share_id: ShareId }>('DELETE FROM shares WHERE meeting_id = $1 RETURNING share_id', [meetingId]);
        await client.query('DELETE FROM meeting_owners WHERE meeting_id = $1', [meetingId]);
        return { kind: 'deleted', shares: shares.rows.map((row) => row.share_id) };
      }),
    meetingDeletedAt: async (meetingId) => (await one<{ deleted_at: number }>('SELECT deleted_at FROM deleted_meetings WHERE meeting_id = $1', [meetingId]))?.deleted_at ?? null,
    pendingDeletions: async () => (await rows<{ doc: string }>('SELECT doc FROM pending_document_deletions ORDER BY requested_at')).map((row) => row.doc),
    donePendingDeletion: async (doc) => void (await pool.query('DELETE FROM pending_document_deletions WHERE doc = $1', [doc])),
  };
}
