// What the software stores, as data: every relay table with every column, and what the extension
// keeps in the browser. The privacy page renders this; a test compares it with the relay's live
// SQLite schema, so a new table or column cannot go unmentioned.
export interface StoredTable {
  readonly name: string;
  readonly why: string;
  readonly columns: readonly (readonly [column: string, meaning: string])[];
}

export const RELAY_TABLES: readonly StoredTable[] = [
  {
    name: 'updates',
    why: 'The documents that signed-in people sync or share: libraries (templates and the list of meetings) and meetings (agenda, time boxes, clock log, notes, decisions, actions). Each document is a log of Yjs updates, merged into one snapshot row from time to time.',
    columns: [
      ['doc', 'the document name, library/<account id> or meeting/<meeting id>'],
      ['seq', 'the position of the update in that document'],
      ['data', 'the update itself: the document content as written in the extension'],
    ],
  },
  {
    name: 'accounts',
    why: 'To let you sign in and sync your devices.',
    columns: [
      ['account_id', 'a random id'],
      ['email', 'your address, to sign in'],
      ['name', 'the name you gave'],
      ['password_hash', 'a scrypt hash of your password (never the password)'],
      ['created_at', 'when the account was made'],
    ],
  },
  {
    name: 'sessions',
    why: 'To keep a device signed in until it signs out or the session expires.',
    columns: [
      ['session_id', 'a random id'],
      ['token_hash', 'a hash of the session token (the token itself stays on your device)'],
      ['account_id', 'whose session it is'],
      ['created_at', 'when you signed in'],
      ['last_used_at', 'when the session was last used'],
      ['expires_at', 'when it stops working'],
    ],
  },
  {
    name: 'meeting_owners',
    why: 'To know which account may share or delete a meeting.',
    columns: [
      ['meeting_id', 'the meeting'],
      ['account_id', 'its owner'],
      ['claimed_at', 'when the owner first synced it'],
    ],
  },
  {
    name: 'shares',
    why: 'To honour and revoke the live links you hand out.',
    columns: [
      ['share_id', 'a random id'],
      ['meeting_id', 'the shared meeting'],
      ['account_id', 'who made the link'],
      ['role', 'view or edit'],
      ['created_at', 'when it was made'],
      ['expires_at', 'when it stops working'],
      ['revoked_at', 'when it was revoked, if it was'],
    ],
  },
  {
    name: 'pending_document_deletions',
    why: 'When an account is deleted, its documents are listed here until they are removed, so a restart cannot leave any behind.',
    columns: [
      ['doc', 'the document to remove'],
      ['requested_at', 'when the deletion was asked for'],
    ],
  },
  {
    name: 'signups',
    why: 'To send the one email with the download link you asked for on the start page.',
    columns: [
      ['email', 'your address, in lower case'],
      ['consented_at', 'when you asked'],
      ['unsubscribe_hash', 'a hash of the removal link sent to you'],
    ],
  },
  {
    name: 'usage_counts',
    why: 'To learn which features are used, only if you switch usage counts on in the extension options. Only numbers per day are kept.',
    columns: [
      ['day', 'the date (UTC)'],
      ['event', 'which thing happened, from a fixed list: template selected, meeting started or ended, item created or started, notes created, installed, updated, uninstalled'],
      ['version', 'the extension version'],
      ['count', 'how many times that day'],
    ],
  },
] as const;

export const RELAY_FILES = [
  ['relay.sqlite (with -wal and -shm)', 'the tables above'],
  ['server-secret', '32 random bytes that sign document and share tokens; never leaves the server'],
  ['stats-token', 'the operator’s key to the usage chart, when not given in the configuration'],
  ['outbox.jsonl', 'the emails the relay would have sent, when no mail server is configured: address, subject, text with the download and removal links'],
] as const;

export const EXTENSION_STORAGE = [
  ['IndexedDB, one database per document', 'your library and every meeting you made or opened: agenda, clock log, notes, decisions, actions. This is the product working offline.'],
  ['settings', 'relay address, your account id, email and session token once you sign in, and your choices: sync, chime and its volume, warning minutes, overlay, auto-advance'],
  ['actorId, localSpaceId', 'random ids of this browser profile: who pressed the clock buttons, and the name of the library before sign-in'],
  ['activeMeeting', 'which meeting is running on this device, for the badge, popup and overlay'],
  ['clockOffset', 'the measured difference between your clock and the relay’s, so shared clocks agree'],
  ['overlayPosition', 'where you dragged the small clock on a meeting page'],
  ['shares:<meeting id>', 'the live links you created for a meeting, so you can copy or revoke them'],
  ['deviceTokens', 'per relay and email, a random token the relay signed when this browser signed in, so that strangers guessing your password cannot lock this browser out; it is no password and kept after sign-out'],
] as const;
