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
      ['password_hash', 'a scrypt hash of your password (never the password); empty when you signed up with Google or another OpenID provider'],
      ['created_at', 'when the account was made'],
    ],
  },
  {
    name: 'identities',
    why: 'To let you sign in with Google or another OpenID provider you connected. Nothing else from the provider is kept: no token, no picture, no contacts.',
    columns: [
      ['identity_id', 'a random id'],
      ['issuer', 'the provider, by its address (for example https://accounts.google.com)'],
      ['subject', 'the provider’s id for you'],
      ['account_id', 'the account this sign-in opens'],
      ['email', 'your email, only when the provider says it is verified'],
      ['name', 'your name as the provider gives it'],
      ['linked_at', 'when this sign-in was connected'],
    ],
  },
  {
    name: 'oidc_flows',
    why: 'A sign-in with a provider while you are on the provider’s page; removed when you come back, or after ten minutes.',
    columns: [
      ['state_hash', 'a hash of the random value that ties the provider’s answer to this sign-in'],
      ['provider', 'which configured provider'],
      ['intent', 'sign in, or connect to the account you are signed in to'],
      ['redirect_uri', 'where to send you back: the extension or the account page'],
      ['client_state', 'the random value the extension or the account page chose'],
      ['code_challenge', 'a hash of the secret the extension or the account page keeps'],
      ['code_verifier', 'the relay’s own one-time secret for the provider'],
      ['nonce', 'a random value the provider must repeat'],
      ['expires_at', 'when this pending sign-in lapses'],
    ],
  },
  {
    name: 'oidc_codes',
    why: 'The one-time code that the extension or the account page exchanges for a session; used once, within 60 seconds.',
    columns: [
      ['code_hash', 'a hash of the code'],
      ['intent', 'sign in, or connect'],
      ['account_id', 'the account it signs in to'],
      ['issuer', 'the provider'],
      ['subject', 'the provider’s id for you'],
      ['email', 'your email, only when verified'],
      ['name', 'your name as the provider gives it'],
      ['code_challenge', 'a hash of the secret the extension or the account page keeps'],
      ['expires_at', 'when the code lapses'],
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
  ['settings', 'relay address, your account id, email and session token once you sign in (with a password or a provider), and your choices: sync, chime and its volume, warning minutes, overlay, auto-advance'],
  ['actorId, localSpaceId', 'random ids of this browser profile: who pressed the clock buttons, and the name of the library before sign-in'],
  ['activeMeeting', 'which meeting is running on this device, for the badge, popup and overlay'],
  ['clockOffset', 'the measured difference between your clock and the relay’s, so shared clocks agree'],
  ['overlayPosition', 'where you dragged the small clock on a meeting page'],
  ['shares:<meeting id>', 'the live links you created for a meeting, so you can copy or revoke them'],
] as const;
