// OpenID Connect sign-in as the relay's clients (the extension, the account page) see it: the
// routes, the query parameters of the final redirect, and the `error` values it may carry.
export const OidcRoutes = {
  providers: '/api/auth/providers',
  exchange: '/api/sessions/oidc',
  identities: '/api/identities',
  start: (provider: string) => `/auth/${encodeURIComponent(provider)}/start`,
  callback: (provider: string) => `/auth/${encodeURIComponent(provider)}/callback`,
} as const;

/** `intent=link` on the start route: the code proves an identity, to link while signed in. */
export const OidcIntent = { signIn: 'sign-in', link: 'link' } as const;
export type OidcIntentValue = (typeof OidcIntent)[keyof typeof OidcIntent];

/** `error` on the redirect back to the client; the client's `state` always comes with it. */
export const OidcCallbackError = {
  /** The person cancelled or the provider refused. */
  accessDenied: 'access_denied',
  /** The provider's answer did not validate (state, nonce, issuer, PKCE, ID token). */
  signInFailed: 'sign_in_failed',
  /** The provider does not vouch for the email, so nothing is matched or created with it. */
  emailUnverified: 'email_unverified',
  /** An account already has this email: sign in with its password, then link this provider. */
  accountExists: 'account_exists',
} as const;
export type OidcCallbackErrorValue = (typeof OidcCallbackError)[keyof typeof OidcCallbackError];

export interface OidcProviderInfo {
  readonly name: string;
  readonly label: string;
}

/** What `POST /api/sessions/oidc` answers (201). */
export interface OidcSessionGrant {
  readonly accountId: string;
  readonly session: string;
  readonly name: string;
}

/** Provider names are URL path segments and parts of environment variable names. */
export const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
