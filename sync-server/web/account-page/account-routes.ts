// The account page's paths and the ids its HTML shell and its script share, named once.
export const AccountRoutes = {
  page: '/account',
  script: '/account/account.js',
  styles: '/account/account.css',
} as const;

/** Where the script keeps the bearer session: this tab only, gone when the tab closes. */
export const SESSION_STORAGE_KEY = 'ltm-account-session' as const;

/** Where the script keeps this browser's device tokens (one per email), across tabs and restarts. */
export const DEVICE_TOKENS_KEY = 'ltm-device-tokens' as const;
