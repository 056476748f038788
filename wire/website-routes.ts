// The website's paths, named once: pages link to them, the router matches them, tests use them.
export const Routes = {
  landing: '/',
  privacy: '/privacy',
  signUp: '/signup',
  signUpDone: '/signup/done',
  unsubscribe: '/unsubscribe',
  download: '/download/leavethemeeting.zip',
  events: '/events',
  uninstalled: '/uninstalled',
  stats: '/stats',
  /** Served by sync-server/web/account-page; linked from every page. */
  account: '/account',
  assets: '/assets/',
} as const;

