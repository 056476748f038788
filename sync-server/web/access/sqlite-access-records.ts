// AccessRecords on the relay's SQLite database: every statement prepared once, and each atomic
// method one synchronous better-sqlite3 transaction inside its promise, so nothing interleaves
// with it. Expects the migrated schema (sync-server/data/migrations.ts: shares.label).
import type { SqlDatabase } from '../sql-database.ts';
import type { AccountId, SessionId, ShareId } from './access-ids.ts';
import { ensureAccessSchema } from './access-schema.ts';
import { documentsOf, type AccessRecords, type AccountRow, type ConnectedSignIn, type MeetingClaim, type MeetingDeletion, type MeetingRow, type SessionRow, type ShareRole, type ShareRow } from './access-records.ts';

export function createSqliteAccessRecords(db: SqlDatabase): AccessRecords {
  ensureAccessSchema(db);
  const q = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  const sessionColumns = 'session_id, account_id, created_at, last_used_at, expires_at';

  const accountByEmail = q<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?');
  const accountById = q<[string], AccountRow>('SELECT * FROM accounts WHERE account_id = ?');
  const insertAccount = q<[string, string, string, string, number]>(
    'INSERT INTO accounts (account_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSession = q<[string, Buffer, string, number, number, number]>(
    'INSERT INTO sessions (session_id, token_hash, account_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const sessionByHash = q<[Buffer, number], SessionRow>(`SELECT ${sessionColumns} FROM sessions WHERE token_hash = ? AND expires_at > ?`);
  const sessionById = q<[string], SessionRow>(`SELECT ${sessionColumns} FROM sessions WHERE session_id = ?`);
  const sessionsOf = q<[string, number], SessionRow>(`SELECT ${sessionColumns} FROM sessions WHERE account_id = ? AND expires_at > ? ORDER BY created_at`);
  const touchSession = q<[number, string]>('UPDATE sessions SET last_used_at = ? WHERE session_id = ?');
  const deleteSession = q<[string, string]>('DELETE FROM sessions WHERE session_id = ? AND account_id = ?');
  const purgeExpiredSessions = q<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  const claimMeeting = q<[string, string, number]>('INSERT OR IGNORE INTO meeting_owners (meeting_id, account_id, claimed_at) VALUES (?, ?, ?)');
  const deletedAt = q<[string], { deleted_at: number }>('SELECT deleted_at FROM deleted_meetings WHERE meeting_id = ?');
  const insertTombstone = q<[string, number]>('INSERT OR IGNORE INTO deleted_meetings (meeting_id, deleted_at) VALUES (?, ?)');
  const sharesOfMeeting = q<[string], { share_id: ShareId }>('SELECT share_id FROM shares WHERE meeting_id = ?');
  const deleteShares = q<[string]>('DELETE FROM shares WHERE meeting_id = ?');
  const releaseMeeting = q<[string]>('DELETE FROM meeting_owners WHERE meeting_id = ?');
  const ownerOf = q<[string], { account_id: AccountId }>('SELECT account_id FROM meeting_owners WHERE meeting_id = ?');
  const meetingCountOf = q<[string], { n: number }>('SELECT count(*) AS n FROM meeting_owners WHERE account_id = ?');
  const meetingsOf = q<[string], MeetingRow>('SELECT meeting_id, claimed_at FROM meeting_owners WHERE account_id = ? ORDER BY claimed_at, meeting_id');
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
  const otherSessionIds = q<[string, string], { session_id: SessionId }>('SELECT session_id FROM sessions WHERE account_id = ? AND session_id != ?');
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

  const insertAccountOnce = db.transaction((a: AccountRow): boolean => {
    if (accountByEmail.get(a.email) !== undefined) return false;
    insertAccount.run(a.account_id, a.email, a.name, a.password_hash, a.created_at);
    return true;
  });
  const claimMeetingOnce = db.transaction((meetingId: string, account: AccountId, now: number, max: number): MeetingClaim => {
    const owner = ownerOf.get(meetingId)?.account_id;
    if (owner !== undefined) return { kind: 'owner', owner };
    if (deletedAt.get(meetingId) !== undefined) return { kind: 'deleted' };
    if ((meetingCountOf.get(account)?.n ?? 0) >= max) return { kind: 'limit' };
    claimMeeting.run(meetingId, account, now);
    return { kind: 'owner', owner: account };
  });
  const changePasswordOnce = db.transaction((account: AccountId, passwordHash: string, keep: SessionId): SessionId[] => {
    setPasswordHash.run(passwordHash, account);
    const ended = otherSessionIds.all(account, keep).map((row) => row.session_id);
    for (const id of ended) deleteSession.run(id, account);
    return ended;
  });
  const deleteAccountOnce = db.transaction((account: AccountId, now: number): readonly string[] => {
    const docs = documentsOf(account, meetingsOf.all(account));
    for (const doc of docs) addPendingDeletion.run(doc, now);
    for (const statement of deleteAccountRows) statement.run(account);
    return docs;
  });

  const deleteMeetingOnce = db.transaction((meetingId: string, account: AccountId, now: number): MeetingDeletion => {
    const owner = ownerOf.get(meetingId)?.account_id;
    if (owner !== account) {
      if (deletedAt.get(meetingId) !== undefined) return { kind: 'gone' };
      return { kind: owner === undefined ? 'absent' : 'forbidden' };
    }
    const shares = sharesOfMeeting.all(meetingId).map((row) => row.share_id);
    insertTombstone.run(meetingId, now);
    addPendingDeletion.run(`meeting/${meetingId}`, now);
    deleteShares.run(meetingId);
    releaseMeeting.run(meetingId);
    return { kind: 'deleted', shares };
  });

  return {
    accountByEmail: async (email) => accountByEmail.get(email) ?? null,
    accountById: async (id) => accountById.get(id) ?? null,
    insertAccount: async (a) => insertAccountOnce(a),
    insertSession: async (s) => void insertSession.run(s.session_id, s.token_hash, s.account_id, s.created_at, s.last_used_at, s.expires_at),
    liveSessionByHash: async (hash, now) => sessionByHash.get(hash, now) ?? null,
    sessionById: async (id) => sessionById.get(id) ?? null,
    liveSessionsOf: async (account, now) => sessionsOf.all(account, now),
    touchSession: async (id, now) => void touchSession.run(now, id),
    deleteSession: async (id, account) => deleteSession.run(id, account).changes > 0,
    purgeExpiredSessions: async (now) => purgeExpiredSessions.run(now).changes,
    claimMeeting: async (meetingId, account, now, max) => claimMeetingOnce(meetingId, account, now, max),
    ownerOf: async (meetingId) => ownerOf.get(meetingId)?.account_id ?? null,
    insertShare: async (s) => void insertShare.run(s.share_id, s.meeting_id, s.account_id, s.role, s.created_at, s.expires_at, s.label),
    shareById: async (id) => shareById.get(id) ?? null,
    sharesOf: async (meetingId) => sharesOf.all(meetingId),
    revokeShare: async (id, now) => void revokeShare.run(now, id),
    meetingsOf: async (account) => meetingsOf.all(account),
    sharesOfAccount: async (account) => sharesOfAccount.all(account),
    connectedSignInsOf: async (account) => identitiesOf.all(account),
    setName: async (account, name) => void setName.run(name, account),
    replacePasswordHash: async (account, old, next) => replacePasswordHash.run(next, account, old).changes > 0,
    changePassword: async (account, passwordHash, keep) => changePasswordOnce(account, passwordHash, keep),
    deleteAccount: async (account, now) => deleteAccountOnce(account, now),
    deleteMeeting: async (meetingId, account, now) => deleteMeetingOnce(meetingId, account, now),
    meetingDeletedAt: async (meetingId) => deletedAt.get(meetingId)?.deleted_at ?? null,
    pendingDeletions: async () => pendingDeletions.all().map((row) => row.doc),
    donePendingDeletion: async (doc) => void donePendingDeletion.run(doc),
  };
}
