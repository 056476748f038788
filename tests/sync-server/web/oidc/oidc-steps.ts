// The steps of a sign-in as a client takes them, for the OpenID suites: start at the relay with
// its own state and PKCE, log in at the provider, arrive at the relay's callback, and read where
// the relay sends the browser back.
import { OidcRoutes } from '../../../../wire/oidc-sign-in.ts';
import { EXTENSION_REDIRECT, type OidcHarness } from './oidc-harness.ts';
import { loginAtProvider, newPkce, newState, visit, type Pkce } from './provider-login.ts';

export interface Journey {
  readonly state: string;
  readonly pkce: Pkce;
  /** The provider's redirect to the relay's callback (not yet visited). */
  readonly callback: URL;
}

export interface StartChoices {
  readonly provider?: string;
  readonly redirectUri?: string;
  readonly intent?: 'sign-in' | 'link';
}

export async function toCallback(h: OidcHarness, login: string, choices: StartChoices = {}): Promise<Journey> {
  const provider = choices.provider ?? 'test';
  const state = newState();
  const pkce = (await newPkce());
  const start = h.startUrl(provider, {
    redirect_uri: choices.redirectUri ?? EXTENSION_REDIRECT,
    state,
    code_challenge: pkce.challenge,
    ...(choices.intent ? { intent: choices.intent } : {}),
  });
  const callback = await loginAtProvider(start, login, h.relay.httpUrl + OidcRoutes.callback(provider));
  return { state, pkce, callback };
}

/** Visits the callback; the relay's redirect back to the client, with its query read out. */
export async function backFromCallback(callback: URL): Promise<{ status: number; location: URL; params: URLSearchParams }> {
  const { status, location } = await visit(callback);
  if (location === null) throw new Error(`the callback answered ${status} without a redirect`);
  return { status, location, params: location.searchParams };
}

/** A whole sign-in to a session: start, login, callback, code exchange. */
export async function signInWithProvider(h: OidcHarness, login: string, choices: StartChoices = {}) {
  const journey = await toCallback(h, login, choices);
  const back = await backFromCallback(journey.callback);
  const code = back.params.get('code') ?? '';
  const exchanged = await h.api('POST', OidcRoutes.exchange, { code, code_verifier: journey.pkce.verifier });
  return { journey, back, code, exchanged };
}
