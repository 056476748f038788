// What the software stores, as data: every relay table with every column, the relay's files, and
// what the extension keeps in the browser, each named here and explained in the website's
// catalogs (messages/facts/, one key per table, column, file and browser entry, so a missing
// explanation fails the type check). The privacy page renders this, with how long a sign-up
// address is kept from the configuration the relay runs with; a test compares the tables with
// the relay's live SQLite schema, so a new table or column cannot go unmentioned.
import type { Catalog } from '../languages/translator.ts';
import type { WebsiteConfig } from './website-config.ts';
import type { WebsiteWords } from './messages/website-words.ts';

export const RELAY_TABLES = [
  { name: 'updates', columns: ['doc', 'seq', 'data'] },
  { name: 'store_probe', columns: ['checked_at', 'pad'] },
  { name: 'accounts', columns: ['account_id', 'email', 'name', 'password_hash', 'created_at'] },
  { name: 'identities', columns: ['identity_id', 'issuer', 'subject', 'account_id', 'email', 'name', 'linked_at'] },
  { name: 'oidc_flows', columns: ['state_hash', 'provider', 'intent', 'redirect_uri', 'client_state', 'code_challenge', 'code_verifier', 'nonce', 'expires_at'] },
  { name: 'oidc_codes', columns: ['code_hash', 'intent', 'account_id', 'issuer', 'subject', 'email', 'name', 'code_challenge', 'expires_at'] },
  { name: 'sessions', columns: ['session_id', 'token_hash', 'account_id', 'created_at', 'last_used_at', 'expires_at'] },
  { name: 'meeting_owners', columns: ['meeting_id', 'account_id', 'claimed_at'] },
  { name: 'shares', columns: ['share_id', 'meeting_id', 'account_id', 'role', 'created_at', 'expires_at', 'revoked_at', 'label'] },
  { name: 'pending_document_deletions', columns: ['doc', 'requested_at'] },
  { name: 'deleted_meetings', columns: ['meeting_id', 'deleted_at'] },
  { name: 'signups', columns: ['email', 'consented_at', 'unsubscribe_hash'] },
  { name: 'mail_outbox', columns: ['mail_id', 'email', 'unsubscribe_token', 'attempts', 'next_attempt_at', 'language'] },
  { name: 'usage_counts', columns: ['day', 'event', 'version', 'count'] },
] as const;

export const RELAY_FILES = ['relay.sqlite', 'server-secret', 'stats-token', 'outbox.jsonl'] as const;

/** Each entry's id names its explanation; its name is what the extension calls it. */
export const EXTENSION_STORAGE = [
  { id: 'indexedDb', name: 'IndexedDB' },
  { id: 'settings', name: 'settings' },
  { id: 'ids', name: 'actorId, localSpaceId' },
  { id: 'activeMeeting', name: 'activeMeeting' },
  { id: 'clockOffset', name: 'clockOffset' },
  { id: 'overlayPosition', name: 'overlayPosition' },
  { id: 'shares', name: 'shares:<meetingId>' },
  { id: 'deviceTokens', name: 'deviceTokens' },
] as const;

type Table = (typeof RELAY_TABLES)[number];
export type FactKey =
  | `table.${Table['name']}`
  | { [T in Table as T['name']]: `column.${T['name']}.${T['columns'][number]}` }[Table['name']]
  | `file.${(typeof RELAY_FILES)[number]}`
  | `browser.${(typeof EXTENSION_STORAGE)[number]['id']}`;
export type FactCatalog = Catalog<FactKey>;

/** A column's explanation; FactKey holds one for every column listed above. */
export const columnKey = <T extends Table>(table: T, column: T['columns'][number]): FactKey => `column.${table.name}.${column}` as FactKey;

const HOUR_MS = 3_600_000;

/** The longest a queued email is retried: the sum of the delays between its attempts. */
export function retryWindowMs(retry: WebsiteConfig['mailRetry']): number {
  let total = 0;
  for (let attempt = 1; attempt < retry.maxAttempts; attempt++) total += Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
  return total;
}

/** How long a sign-up address is kept, in every place that holds it, in the page's language. */
export function addressRetention(config: Pick<WebsiteConfig, 'signUpRetentionMs' | 'mailRetry' | 'smtpUrl'>, w: WebsiteWords): readonly string[] {
  const window = w.duration(Math.ceil(retryWindowMs(config.mailRetry) / HOUR_MS) * HOUR_MS);
  return [
    w.t('retention.latest', { kept: w.duration(config.signUpRetentionMs) }),
    w.t('retention.queued'),
    w.count('retention.retries', config.mailRetry.maxAttempts, { window }),
    w.t('retention.link'),
    w.t('retention.overwrite'),
    w.t(config.smtpUrl === null ? 'retention.outboxFile' : 'retention.mailServer'),
  ];
}
