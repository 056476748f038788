/// <reference types="chrome" />
// chrome.identity for the OpenID sign-in: the redirect URL Chrome intercepts for this extension
// (https://<extension id>.chromiumapp.org/oidc, the address a relay operator allows with
// --extension-id) and the auth window. Outside the extension there is none of either.
const REDIRECT_PATH = 'oidc';

export class WebAuthUnavailableError extends Error {
  override readonly name = 'WebAuthUnavailableError';
}

function identity(): typeof chrome.identity | null {
  return (globalThis as { chrome?: typeof chrome }).chrome?.identity ?? null;
}

export function webAuthRedirectUrl(): string {
  const api = identity();
  if (api === null) throw new WebAuthUnavailableError('chrome.identity is not available here');
  return api.getRedirectURL(REDIRECT_PATH);
}

/** Opens the auth window at url; resolves with the URL it was sent back to. Rejects when the
 *  person closes the window, or when the flow ends anywhere but the redirect URL. */
export async function launchWebAuth(url: string): Promise<string> {
  const api = identity();
  if (api === null) throw new WebAuthUnavailableError('chrome.identity is not available here');
  const returned = await api.launchWebAuthFlow({ url, interactive: true });
  if (returned === undefined) throw new WebAuthUnavailableError('the auth window returned no address');
  return returned;
}
