// Rows of the OpenID tables as the routes would store them, for the records suites.
import type { AccountId } from '../../../../sync-server/web/access/access-ids.ts';
import { NO_PASSWORD } from '../../../../sync-server/web/access/password-hash.ts';
import { secretHash } from '../../../../sync-server/web/oidc/oidc-context.ts';
import type { CodeRow, FlowRow, IdentityRow } from '../../../../sync-server/web/oidc/oidc-records.ts';

export const T0 = Date.UTC(2026, 0, 5, 9);
export const ISSUER = 'https://id.example';

export const flowRow = (state: string, expiresAt: number): FlowRow => ({
  state_hash: secretHash(state),
  provider: 'test',
  intent: 'sign-in',
  redirect_uri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oidc',
  client_state: 'client-state',
  code_challenge: 'c'.repeat(43),
  code_verifier: 'v'.repeat(43),
  nonce: 'nonce',
  expires_at: expiresAt,
});

export const codeRow = (code: string, account: string | null, expiresAt: number): CodeRow => ({
  code_hash: secretHash(code),
  intent: account === null ? 'link' : 'sign-in',
  account_id: account as AccountId | null,
  issuer: ISSUER,
  subject: 'sub-1',
  email: 'ana@example.com',
  name: 'Ana',
  code_challenge: 'c'.repeat(43),
  expires_at: expiresAt,
});

export const identity = (subject: string, account: string, id = `identity-${subject}`): IdentityRow => ({
  identity_id: id,
  issuer: ISSUER,
  subject,
  account_id: account as AccountId,
  email: `${subject}@example.com`,
  name: subject,
  linked_at: T0,
});

export const account = (id: string, email: string, passwordHash = NO_PASSWORD) => ({ account_id: id as AccountId, email, name: id, password_hash: passwordHash, created_at: T0 });
