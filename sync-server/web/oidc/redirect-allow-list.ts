// Where the relay may send a browser back after sign-in: the chromiumapp.org address of an
// extension the operator named (chrome.identity's redirect URL), or the relay's own /account
// page. Everything else is refused before any redirect, so the start route is no open redirect.
import { Routes } from '../../../wire/website-routes.ts';

/** Chrome extension ids: 32 letters a to p. */
export const EXTENSION_ID = /^[a-p]{32}$/;
const CHROMIUM_APP_DOMAIN = '.chromiumapp.org';

export function isAllowedRedirect(raw: string, extensionIds: readonly string[], ownUrl: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  // A fragment or credentials in a redirect URI are never legitimate (RFC 6749 3.1.2).
  if (url.hash !== '' || url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:' && url.port === '' && url.hostname.endsWith(CHROMIUM_APP_DOMAIN)) {
    return extensionIds.includes(url.hostname.slice(0, -CHROMIUM_APP_DOMAIN.length));
  }
  // Joined as text, so a public URL with a path prefix (https://example.org/relay) keeps it.
  const account = new URL(`${ownUrl.replace(/\/+$/, '')}${Routes.account}`);
  return url.origin === account.origin && url.pathname === account.pathname && url.search === '';
}
