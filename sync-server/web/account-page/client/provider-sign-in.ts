// Sign-in with an OpenID provider from the account page, as a public client: this tab picks its
// own state and PKCE verifier, keeps them in sessionStorage, and goes to the relay's start route
// with /account as the redirect. On the way back the page takes the code only if the state is
// the one it chose, then removes code and state from the address bar and the history entry.
import { OidcCallbackError, OidcIntent, OidcRoutes, type OidcIntentValue } from '../../../../wire/oidc-sign-in.ts';
import { pkceChallenge, randomSecret } from '../../../../wire/pkce.ts';
import { AccountRoutes, OIDC_PENDING_KEY } from '../account-routes.ts';
import type { MessageKey } from '../messages/en.ts';
import { words } from './page-words.ts';

export interface PendingSignIn {
  readonly state: string;
  readonly verifier: string;
  readonly intent: OidcIntentValue;
  readonly provider: string;
}

export type ProviderReturn =
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly intent: OidcIntentValue | null; readonly message: string }
  | { readonly kind: 'code'; readonly code: string; readonly pending: PendingSignIn };

const ERROR_TEXT: Readonly<Record<string, MessageKey>> = {
  [OidcCallbackError.accessDenied]: 'provider.cancelled',
  [OidcCallbackError.signInFailed]: 'provider.failed',
  [OidcCallbackError.emailUnverified]: 'provider.emailUnverified',
  [OidcCallbackError.accountExists]: 'provider.accountExists',
};

export async function startProviderSignIn(provider: string, intent: OidcIntentValue): Promise<void> {
  const pending: PendingSignIn = { state: randomSecret(), verifier: randomSecret(), intent, provider };
  sessionStorage.setItem(OIDC_PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    redirect_uri: `${location.origin}${AccountRoutes.page}`,
    state: pending.state,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
    intent,
  });
  location.assign(`${OidcRoutes.start(provider)}?${query}`);
}

function readPending(): PendingSignIn | null {
  const raw = sessionStorage.getItem(OIDC_PENDING_KEY);
  sessionStorage.removeItem(OIDC_PENDING_KEY);
  try {
    const value = JSON.parse(raw ?? 'null') as Partial<PendingSignIn> | null;
    const intents: readonly unknown[] = [OidcIntent.signIn, OidcIntent.link];
    if (typeof value?.state !== 'string' || typeof value.verifier !== 'string' || !intents.includes(value.intent)) return null;
    return value as PendingSignIn;
  } catch {
    return null;
  }
}

/** Reads (once) what the relay sent this page back with; 'none' on an ordinary visit. */
export function takeProviderReturn(): ProviderReturn {
  const params = new URLSearchParams(location.search);
  if (!params.has('state')) return { kind: 'none' };
  history.replaceState(null, '', AccountRoutes.page);
  const pending = readPending();
  if (pending === null || pending.state !== params.get('state')) return { kind: 'refused', intent: null, message: words.t('provider.foreignState') };
  const error = params.get('error');
  const code = params.get('code');
  if (error !== null || code === null) {
    return { kind: 'refused', intent: pending.intent, message: words.t(ERROR_TEXT[error ?? ''] ?? 'provider.failed') };
  }
  return { kind: 'code', code, pending };
}
