// The account page's paths and the ids its HTML shell and its script share, named once.
export const AccountRoutes = {
  page: '/account',
  script: '/account/account.js',
  styles: '/account/account.css',
} as const;

/** Where the script keeps the bearer session: this tab only, gone when the tab closes. */
export const SESSION_STORAGE_KEY = 'ltm-account-session' as const;

/** The pending provider sign-in of this tab: its state, PKCE verifier and intent. */
export const OIDC_PENDING_KEY = 'ltm-account-oidc-pending' as const;

/** Where the script keeps this browser's device tokens (one per email), across tabs and restarts. */
export const DEVICE_TOKENS_KEY = 'ltm-device-tokens' as const;
