// The extension's calls to the relay's JSON API (DESIGN.md "The relay's interface"), typed, over
// the one relay client in wire/. Errors are RelayRequestError.
import { OidcRoutes, type OidcProviderInfo, type OidcSessionGrant } from '../../wire/oidc-sign-in.ts';
import { normaliseRelayUrl, RelayRequestError, relayClient, type HttpMethod } from '../../wire/relay-client.ts';
import type { Role } from '../../wire/roles.ts';
import { ApiRoutes, memberPath, SYNC_PATH } from '../../wire/api-routes.ts';

export { normaliseRelayUrl, RelayClientErrorCode, RelayRequestError } from '../../wire/relay-client.ts';

/** What every sign-in answers (password or OpenID): the name is the account's display name. */
export interface SessionGrant {
  readonly accountId: string;
  readonly session: string;
  readonly name: string;
  /** Sent back at the next sign-in (data/device-tokens.ts); absent from older relays. */
  readonly deviceToken?: string;
}

export interface CurrentAccount {
  readonly accountId: string;
  readonly email: string;
  readonly name: string;
}

export type DocRole = Role;

export interface DocToken {
  readonly token: string;
  readonly role: DocRole;
  /** Expiry in epoch milliseconds. */
  readonly exp: number;
}

export interface ShareLink {
  readonly shareId: string;
  readonly token: string;
  readonly url: string;
  /** Null from a relay that predates labels, or for a link made without one. */
  readonly label?: string | null;
}

function call<T>(relayUrl: string, method: HttpMethod, path: string, body?: unknown, session?: string): Promise<T> {
  return relayClient({ baseUrl: relayUrl, session: () => session ?? null }).json<T>(method, path, body);
}

export function createAccount(relayUrl: string, input: { email: string; password: string; name: string }): Promise<SessionGrant> {
  return call(relayUrl, 'POST', ApiRoutes.accounts, input);
}

export function signIn(relayUrl: string, input: { email: string; password: string; deviceToken?: string }): Promise<SessionGrant> {
  return call(relayUrl, 'POST', ApiRoutes.sessions, input);
}

/** The OpenID providers the relay offers; none from a relay that predates them (404). */
export async function listProviders(relayUrl: string): Promise<OidcProviderInfo[]> {
  try {
    return await call<OidcProviderInfo[]>(relayUrl, 'GET', OidcRoutes.providers);
  } catch (error) {
    if (error instanceof RelayRequestError && error.status === 404) return [];
    throw error;
  }
}

export function exchangeOidcCode(relayUrl: string, code: string, codeVerifier: string): Promise<OidcSessionGrant> {
  return call(relayUrl, 'POST', OidcRoutes.exchange, { code, code_verifier: codeVerifier });
}

export function fetchCurrentAccount(relayUrl: string, session: string): Promise<CurrentAccount> {
  return call(relayUrl, 'GET', ApiRoutes.currentAccount, undefined, session);
}

export function renameAccount(relayUrl: string, session: string, name: string): Promise<{ accountId: string; name: string }> {
  return call(relayUrl, 'PATCH', ApiRoutes.currentAccount, { name }, session);
}

export async function signOut(relayUrl: string, session: string): Promise<void> {
  await call(relayUrl, 'DELETE', ApiRoutes.currentSession, undefined, session);
}

// Relays may state exp in seconds or milliseconds; anything below 1e12 is taken as seconds.
export async function requestDocToken(relayUrl: string, session: string, doc: string): Promise<DocToken> {
  const grant = await call<DocToken>(relayUrl, 'POST', ApiRoutes.tokens, { doc }, session);
  return { ...grant, exp: grant.exp < 1e12 ? grant.exp * 1000 : grant.exp };
}

/** label: trimmed by the relay; blank or absent makes a link without one. */
export function createShare(relayUrl: string, session: string, meetingId: string, role: 'view' | 'edit', label = ''): Promise<ShareLink> {
  return call(relayUrl, 'POST', ApiRoutes.shares, { meetingId, role, ...(label.trim() === '' ? {} : { label }) }, session);
}

export interface ListedShare {
  readonly shareId: string;
  readonly role: 'view' | 'edit';
  readonly label?: string | null;
  readonly createdAt: number;
  readonly active: boolean;
  /** Null once revoked or expired. */
  readonly url: string | null;
}

/** The share links of one meeting the account owns, revoked and expired ones included. */
export async function listShares(relayUrl: string, session: string, meetingId: string): Promise<ListedShare[]> {
  const { shares } = await call<{ shares: ListedShare[] }>(relayUrl, 'GET', `${ApiRoutes.shares}?meetingId=${encodeURIComponent(meetingId)}`, undefined, session);
  return shares;
}

export async function revokeShare(relayUrl: string, session: string, shareId: string): Promise<void> {
  await call(relayUrl, 'DELETE', memberPath(ApiRoutes.shares, shareId), undefined, session);
}

/** Deletes an owned meeting for good on the relay (its stored updates, links and sockets). */
export async function deleteMeetingOnRelay(relayUrl: string, session: string, meetingId: string): Promise<void> {
  await call(relayUrl, 'DELETE', memberPath(ApiRoutes.meetings, meetingId), undefined, session);
}

export async function fetchServerTime(relayUrl: string): Promise<number> {
  const { now } = await call<{ now: number }>(relayUrl, 'GET', ApiRoutes.time);
  return now;
}

export function syncUrl(relayUrl: string): string {
  return normaliseRelayUrl(relayUrl).replace(/^http/, 'ws') + SYNC_PATH;
}
