// The extension's side of an OpenID sign-in, as a public client: its own state and PKCE
// verifier, the relay's start route with the chromiumapp.org redirect, the window (passed in, so
// the flow runs the same with chrome.identity and in tests), the state check on the way back,
// and the code exchange. The code is only ever sent with the verifier that never left here.
import { OidcRoutes, type OidcCallbackErrorValue, type OidcSessionGrant } from '../../wire/oidc-sign-in.ts';
import { pkceChallenge, randomSecret } from '../../wire/pkce.ts';
import { exchangeOidcCode, normaliseRelayUrl } from './relay-api.ts';

/** The provider refused, the person cancelled, or the answer was not for this sign-in. */
export class ProviderSignInError extends Error {
  override readonly name = 'ProviderSignInError';
  constructor(readonly reason: OidcCallbackErrorValue | 'state_mismatch' | 'cancelled') {
    super(`provider sign-in ended: ${reason}`);
  }
}

export type AuthWindow = (url: string) => Promise<string>;

export async function signInWithProvider(relayUrl: string, provider: string, redirectUri: string, open: AuthWindow): Promise<OidcSessionGrant> {
  const state = randomSecret();
  const verifier = randomSecret();
  const query = new URLSearchParams({
    redirect_uri: redirectUri,
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  });
  let returned: URL;
  try {
    returned = new URL(await open(`${normaliseRelayUrl(relayUrl)}${OidcRoutes.start(provider)}?${query}`));
  } catch {
    throw new ProviderSignInError('cancelled');
  }
  const params = returned.searchParams;
  if (params.get('state') !== state) throw new ProviderSignInError('state_mismatch');
  const error = params.get('error');
  const code = params.get('code');
  if (error !== null || code === null) throw new ProviderSignInError((error ?? 'sign_in_failed') as OidcCallbackErrorValue);
  return exchangeOidcCode(relayUrl, code, verifier);
}
