// Every SQL statement of access control, prepared once. better-sqlite3 is synchronous, which is
// what lets the socket authorizer check revocation without interleaving with a revoke.
import type { SqlDatabase } from '../sql-database.ts';
import type { AccountId, SessionId, ShareId } from './access-ids.ts';
import { ensureAccessSchema } from './access-schema.ts';

export type ShareRole = 'view' | 'edit';

export interface AccountRow {
  readonly account_id: AccountId;
  readonly email: string;
  readonly name: string;
  readonly password_hash: string;
  readonly created_at: number;
}

export interface SessionRow {
  readonly session_id: SessionId;
  readonly account_id: AccountId;
  readonly created_at: number;
  readonly last_used_at: number;
  readonly expires_at: number;
}

export interface ShareRow {
  readonly share_id: ShareId;
  readonly meeting_id: string;
  readonly account_id: AccountId;
  readonly role: ShareRole;
  readonly created_at: number;
  readonly expires_at: number;
  readonly revoked_at: number | null;
  /** Null for a link made without one (and for every link made before labels existed). */
  readonly label: string | null;
}

export interface ConnectedSignIn {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly name: string;
  readonly linked_at: number;
}

export type NewSession = SessionRow & { readonly token_hash: Buffer };

export interface MeetingRow {
  readonly meeting_id: string;
  readonly claimed_at: number;
}

/** The documents an account holds: its library and each meeting it owns. */
export function documentsOf(account: AccountId, meetings: readonly MeetingRow[]): string[] {
  return [`library/${account}`, ...meetings.map((m) => `meeting/${m.meeting_id}`)];
}

export function createAccessRecords(db: SqlDatabase) {
  ensureAccessSchema(db);
  const q = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);

  const accountByEmail = q<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?');
  const accountById = q<[string], AccountRow>('SELECT * FROM accounts WHERE account_id = ?');
  const insertAccount = q<[string, string, string, string, number]>(
    'INSERT INTO accounts (account_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSession = q<[string, Buffer, string, number, number, number]>(
    'INSERT INTO sessions (session_id, token_hash, account_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const sessionByHash = q<[Buffer, number], SessionRow>(
    'SELECT session_id, account_id, created_at, last_used_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const sessionById = q<[string], SessionRow>(
    'SELECT session_id, account_id, created_at, last_used_at, expires_at FROM sessions WHERE session_id = ?',
  );
  const sessionsOf = q<[string, number], SessionRow>(
    'SELECT session_id, account_id, created_at, last_used_at, expires_at FROM sessions WHERE account_id = ? AND expires_at > ? ORDER BY created_at',
  );
  const touchSession = q<[number, string]>('UPDATE sessions SET last_used_at = ? WHERE session_id = ?');
  const deleteSession = q<[string, string]>('DELETE FROM sessions WHERE session_id = ? AND account_id = ?');
  const purgeExpiredSessions = q<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  const claimMeeting = q<[string, string, number]>(
    'INSERT OR IGNORE INTO meeting_owners (meeting_id, account_id, claimed_at) VALUES (?, ?, ?)',
  );
  const ownerOf = q<[string], { account_id: AccountId }>('SELECT account_id FROM meeting_owners WHERE meeting_id = ?');
  const meetingCountOf = q<[string], { n: number }>('SELECT count(*) AS n FROM meeting_owners WHERE account_id = ?');
  const meetingsOf = q<[string], MeetingRow>(
    'SELECT meeting_id, claimed_at FROM meeting_owners WHERE account_id = ? ORDER BY claimed_at, meeting_id',
  );
  const identitiesOf = q<[string], ConnectedSignIn>('SELECT issuer, subject, email, name, linked_at FROM identities WHERE account_id = ? ORDER BY linked_at');
  const insertShare = q<[string, string, string, ShareRole, number, number, string | null]>(
    'INSERT INTO shares (share_id, meeting_id, account_id, role, created_at, expires_at, label) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const shareById = q<[string], ShareRow>('SELECT * FROM shares WHERE share_id = ?');
  const sharesOf = q<[string], ShareRow>('SELECT * FROM shares WHERE meeting_id = ? ORDER BY created_at');
  const sharesOfAccount = q<[string], ShareRow>('SELECT * FROM shares WHERE account_id = ? ORDER BY created_at');
  const setPasswordHash = q<[string, string]>('UPDATE accounts SET password_hash = ? WHERE account_id = ?');
  const setName = q<[string, string]>('UPDATE accounts SET name = ? WHERE account_id = ?');
  const replacePasswordHash = q<[string, string, string]>('UPDATE accounts SET password_hash = ? WHERE account_id = ? AND password_hash = ?');
  const otherSessionIds = q<[string, string], { session_id: SessionId }>(
    'SELECT session_id FROM sessions WHERE account_id = ? AND session_id != ?',
  );
  const revokeShare = q<[number, string]>('UPDATE shares SET revoked_at = ? WHERE share_id = ? AND revoked_at IS NULL');
  const addPendingDeletion = q<[string, number]>('INSERT OR IGNORE INTO pending_document_deletions (doc, requested_at) VALUES (?, ?)');
  const pendingDeletions = q<[], { doc: string }>('SELECT doc FROM pending_document_deletions ORDER BY requested_at');
  const donePendingDeletion = q<[string]>('DELETE FROM pending_document_deletions WHERE doc = ?');
  const deleteAccountRows = [
    q<[string]>('DELETE FROM sessions WHERE account_id = ?'),
    q<[string]>('DELETE FROM shares WHERE account_id = ?'),
    q<[string]>('DELETE FROM meeting_owners WHERE account_id = ?'),
    q<[string]>('DELETE FROM identities WHERE account_id = ?'),
    q<[string]>('DELETE FROM oidc_codes WHERE account_id = ?'),
    q<[string]>('DELETE FROM accounts WHERE account_id = ?'),
  ];

  return {
    accountByEmail: (email: string) => accountByEmail.get(email) ?? null,
    accountById: (id: string) => accountById.get(id) ?? null,
    /** False when the email is taken; the check and the insert are one transaction. */
    insertAccount: db.transaction((a: AccountRow): boolean => {
      if (accountByEmail.get(a.email) !== undefined) return false;
      insertAccount.run(a.account_id, a.email, a.name, a.password_hash, a.created_at);
      return true;
    }),
    insertSession: (s: NewSession) =>
      void insertSession.run(s.session_id, s.token_hash, s.account_id, s.created_at, s.last_used_at, s.expires_at),
    liveSessionByHash: (hash: Buffer, now: number) => sessionByHash.get(hash, now) ?? null,
    sessionById: (id: string) => sessionById.get(id) ?? null,
    liveSessionsOf: (account: AccountId, now: number) => sessionsOf.all(account, now),
    touchSession: (id: SessionId, now: number) => void touchSession.run(now, id),
    deleteSession: (id: string, account: AccountId) => deleteSession.run(id, account).changes > 0,
    purgeExpiredSessions: (now: number) => purgeExpiredSessions.run(now).changes,
    /** Claims an unowned meeting for account, then returns its owner (which may be another). */
    /** The meeting's owner after the claim; null when it had none and the account is at `max`. */
    claimMeeting: db.transaction((meetingId: string, account: AccountId, now: number, max: number): AccountId | null => {
      const owner = ownerOf.get(meetingId)?.account_id;
      if (owner !== undefined) return owner;
      if ((meetingCountOf.get(account)?.n ?? 0) >= max) return null;
      claimMeeting.run(meetingId, account, now);
      return account;
    }),
    ownerOf: (meetingId: string) => ownerOf.get(meetingId)?.account_id ?? null,
    insertShare: (s: Omit<ShareRow, 'revoked_at'>) =>
      void insertShare.run(s.share_id, s.meeting_id, s.account_id, s.role, s.created_at, s.expires_at, s.label),
    shareById: (id: string) => shareById.get(id) ?? null,
    sharesOf: (meetingId: string) => sharesOf.all(meetingId),
    revokeShare: (id: ShareId, now: number) => void revokeShare.run(now, id),
    meetingsOf: (account: AccountId) => meetingsOf.all(account),
    sharesOfAccount: (account: AccountId) => sharesOfAccount.all(account),
    /** For the export; the OpenID routes keep their own statements (sync-server/web/oidc). */
    connectedSignInsOf: (account: AccountId) => identitiesOf.all(account),
    setName: (account: AccountId, name: string) => void setName.run(name, account),
    /** Swaps a hash for a rehash of the same password, unless the password changed meanwhile. */
    replacePasswordHash: (account: AccountId, old: string, next: string) => replacePasswordHash.run(next, account, old).changes > 0,
    /** Sets the new hash and ends every other session in one transaction; returns their ids. */
    changePassword: db.transaction((account: AccountId, passwordHash: string, keep: SessionId): SessionId[] => {
      setPasswordHash.run(passwordHash, account);
      const ended = otherSessionIds.all(account, keep).map((row) => row.session_id);
      for (const id of ended) deleteSession.run(id, account);
      return ended;
    }),
    /** Removes every row of the account and records its documents for deletion, atomically. */
    deleteAccount: db.transaction((account: AccountId, now: number): readonly string[] => {
      const docs = documentsOf(account, meetingsOf.all(account));
      for (const doc of docs) addPendingDeletion.run(doc, now);
      for (const statement of deleteAccountRows) statement.run(account);
      return docs;
    }),
    pendingDeletions: () => pendingDeletions.all().map((row) => row.doc),
    donePendingDeletion: (doc: string) => void donePendingDeletion.run(doc),
  };
}

export type AccessRecords = ReturnType<typeof createAccessRecords>;
