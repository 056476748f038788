// What access control stores, as one asynchronous interface with two engines: SQLite (the
// embedded default, sqlite-access-records.ts) and PostgreSQL (several relays on one database,
// postgres-access-records.ts). Every method that must be atomic (insertAccount, claimMeeting,
// changePassword, deleteAccount, deleteMeeting, replacePasswordHash) is one transaction on either engine, and
// keeps its guarantee when several nodes call it at once.
import type { AccountId, SessionId, ShareId } from './access-ids.ts';

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
export type NewShare = Omit<ShareRow, 'revoked_at'>;

/** What one claim decided: the meeting's owner (this account or another), or a refusal, so the
 *  token route needs no read of its own before or after. */
export type MeetingClaim =
  | { readonly kind: 'owner'; readonly owner: AccountId }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'limit' };

/** What one deletion decided: done (with the share ids it removed), or why not. */
export type MeetingDeletion =
  | { readonly kind: 'deleted'; readonly shares: readonly ShareId[] }
  | { readonly kind: 'gone' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'forbidden' };

export interface MeetingRow {
  readonly meeting_id: string;
  readonly claimed_at: number;
}

/** The documents an account holds: its library and each meeting it owns. */
export function documentsOf(account: AccountId, meetings: readonly MeetingRow[]): string[] {
  return [`library/${account}`, ...meetings.map((m) => `meeting/${m.meeting_id}`)];
}

export interface AccessRecords {
  accountByEmail(email: string): Promise<AccountRow | null>;
  accountById(id: string): Promise<AccountRow | null>;
  /** False when the email is taken; the check and the insert are one atomic step. */
  insertAccount(account: AccountRow): Promise<boolean>;
  insertSession(session: NewSession): Promise<void>;
  liveSessionByHash(hash: Buffer, now: number): Promise<SessionRow | null>;
  sessionById(id: string): Promise<SessionRow | null>;
  liveSessionsOf(account: AccountId, now: number): Promise<readonly SessionRow[]>;
  touchSession(id: SessionId, now: number): Promise<void>;
  deleteSession(id: string, account: AccountId): Promise<boolean>;
  purgeExpiredSessions(now: number): Promise<number>;
  /** The meeting's owner after the claim; `deleted` when it was deleted (a deleted meeting never
   *  gets an owner again, and this wins over the cap); `limit` when it had no owner and the
   *  account is at `max`. */
  claimMeeting(meetingId: string, account: AccountId, now: number, max: number): Promise<MeetingClaim>;
  ownerOf(meetingId: string): Promise<AccountId | null>;
  insertShare(share: NewShare): Promise<void>;
  shareById(id: string): Promise<ShareRow | null>;
  sharesOf(meetingId: string): Promise<readonly ShareRow[]>;
  revokeShare(id: ShareId, now: number): Promise<void>;
  meetingsOf(account: AccountId): Promise<readonly MeetingRow[]>;
  sharesOfAccount(account: AccountId): Promise<readonly ShareRow[]>;
  /** For the export; the OpenID routes keep their own records (sync-server/web/oidc). */
  connectedSignInsOf(account: AccountId): Promise<readonly ConnectedSignIn[]>;
  setName(account: AccountId, name: string): Promise<void>;
  /** Swaps a hash for a rehash of the same password, unless the password changed meanwhile. */
  replacePasswordHash(account: AccountId, old: string, next: string): Promise<boolean>;
  /** Sets the new hash and ends every other session atomically; returns their ids. */
  changePassword(account: AccountId, passwordHash: string, keep: SessionId): Promise<SessionId[]>;
  /** Removes every row of the account and records its documents for deletion, atomically. */
  deleteAccount(account: AccountId, now: number): Promise<readonly string[]>;
  /** As its owner: deletes the meeting's share links and its ownership, leaves a tombstone and
   *  records `meeting/<id>` for deletion, atomically, with the share ids it deleted. Otherwise
   *  why not, read in the same transaction: `gone` (deleted before), `absent` (no owner) or
   *  `forbidden` (another account owns it). */
  deleteMeeting(meetingId: string, account: AccountId, now: number): Promise<MeetingDeletion>;
  /** When the meeting was deleted for good; null when it never was. */
  meetingDeletedAt(meetingId: string): Promise<number | null>;
  pendingDeletions(): Promise<readonly string[]>;
  donePendingDeletion(doc: string): Promise<void>;
}
