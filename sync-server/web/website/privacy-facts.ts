// What the software stores, as data: every relay table with every column, how long a sign-up
// address is kept (from the configuration the relay runs with), and what the extension keeps in
// the browser. The privacy page renders this; a test compares it with the relay's live SQLite
// schema, so a new table or column cannot go unmentioned.
import type { WebsiteConfig } from './website-config.ts';

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
    name: 'store_probe',
    why: 'Always empty. To check that it can still save (its readiness), the relay writes one row here and deletes it in the same step.',
    columns: [
      ['checked_at', 'when the check ran'],
      ['pad', 'zeros, so the check needs as much room as saving a document does'],
    ],
  },
  {
    name: 'accounts',
    why: 'To let you sign in and sync your devices.',
    columns: [
      ['account_id', 'a random id'],
      ['email', 'your address, to sign in'],
      ['name', 'the display name you chose (at first, the name your OpenID provider gives, if you signed up with one), which people in your meetings and on your share links see instead of your email'],
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
      ['label', 'the label you gave the link, if any, so you can tell your links apart'],
    ],
  },
  {
    name: 'pending_document_deletions',
    why: 'When an account or a meeting is deleted, its documents are listed here until they are removed, so a restart cannot leave any behind.',
    columns: [
      ['doc', 'the document to remove'],
      ['requested_at', 'when the deletion was asked for'],
    ],
  },
  {
    name: 'deleted_meetings',
    why: 'When you delete a meeting for good, its id is kept here, and nothing else of it, so that a device that still has an old copy cannot upload it again.',
    columns: [
      ['meeting_id', 'the deleted meeting'],
      ['deleted_at', 'when it was deleted'],
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
    name: 'mail_outbox',
    why: 'The email with the download link, while it waits to be handed to the mail server. It is written together with your sign-up, so the address is never kept without its email, and it is deleted as soon as the mail server has the email.',
    columns: [
      ['mail_id', 'a number for the email'],
      ['email', 'your address, to send to'],
      ['unsubscribe_token', 'the secret part of the removal link in the email (kept only until the email is sent)'],
      ['attempts', 'how many times sending failed'],
      ['next_attempt_at', 'when the next try is due'],
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
  ['outbox.jsonl', 'the emails the relay would have sent, when no mail server is configured: address, subject, text with the download and removal links; each line is kept as long as the sign-up (below)'],
] as const;

export const EXTENSION_STORAGE = [
  ['IndexedDB, one database per document', 'your library and every meeting you made or opened: agenda, clock log, notes, decisions, actions. This is the product working offline.'],
  ['settings', 'relay address, your account id, email and session token once you sign in (with a password or a provider), and your choices: sync, chime and its volume, warning minutes, overlay, auto-advance'],
  ['actorId, localSpaceId', 'random ids of this browser profile: who pressed the clock buttons, and the name of the library before sign-in'],
  ['activeMeeting', 'which meeting is running on this device, for the badge, popup and overlay'],
  ['clockOffset', 'the measured difference between your clock and the relay’s, so shared clocks agree'],
  ['overlayPosition', 'where you dragged the small clock on a meeting page'],
  ['shares:<meeting id>', 'the live links you created for a meeting, so you can copy or revoke them'],
  ['deviceTokens', 'per relay and email, a random token the relay signed when this browser signed in, so that strangers guessing your password cannot lock this browser out; it is no password and kept after sign-out'],
] as const;

const HOUR_MS = 3_600_000;

/** "7 days", "36 hours", "1 hour": the largest whole unit, so the page states the exact time. */
export function spokenDuration(ms: number): string {
  const [count, unit] = ms % (24 * HOUR_MS) === 0 ? [ms / (24 * HOUR_MS), 'day'] : ms % HOUR_MS === 0 ? [ms / HOUR_MS, 'hour'] : [Math.ceil(ms / 60_000), 'minute'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** The longest a queued email is retried: the sum of the delays between its attempts. */
export function retryWindowMs(retry: WebsiteConfig['mailRetry']): number {
  let total = 0;
  for (let attempt = 1; attempt < retry.maxAttempts; attempt++) total += Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
  return total;
}

/** How long a sign-up address is kept, in every place that holds it. */
export function addressRetention(config: Pick<WebsiteConfig, 'signUpRetentionMs' | 'mailRetry' | 'smtpUrl'>): readonly string[] {
  const kept = spokenDuration(config.signUpRetentionMs);
  return [
    `Your address is deleted at the latest ${kept} after the email with the link is sent: from the sign-up list (signups), the mail queue (mail_outbox) and the outbox file. Until then it keeps the same address from being emailed twice and the removal link working.`,
    'The queued email, and the removal link’s secret with it, is deleted as soon as the mail server accepts it.',
    `If the email cannot be delivered, it is tried ${config.mailRetry.maxAttempts} times within ${spokenDuration(Math.ceil(retryWindowMs(config.mailRetry) / HOUR_MS) * HOUR_MS)}; then it is given up and your address deleted at once, so you can ask again. A mail server that refuses the address for good ends this at once.`,
    'The removal link in the email deletes your address from every one of these places at once.',
    'Deleting overwrites the address in the database file itself, not only in its table.',
    config.smtpUrl === null
      ? 'This relay has no mail server configured: the email is written to the outbox file instead.'
      : 'Once handed over, the email is in the mail server’s care, under its operator’s rules.',
  ];
}
