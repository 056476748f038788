// The relay's JSON API and websocket paths, named once: the relay routes by them, and its clients
// (the extension, the viewer, the account page) call them. OpenID sign-in's routes are in
// oidc-sign-in.ts, the website's pages in website-routes.ts.
export const ApiRoutes = {
  /** Every API path starts with it: these answer JSON, with CORS for the extension. */
  prefix: '/api/',
  accounts: '/api/accounts',
  currentAccount: '/api/accounts/current',
  password: '/api/accounts/current/password',
  exportData: '/api/accounts/current/export',
  meetings: '/api/meetings',
  sessions: '/api/sessions',
  currentSession: '/api/sessions/current',
  tokens: '/api/tokens',
  shares: '/api/shares',
  time: '/api/time',
} as const;

/** One member of a collection, e.g. `/api/shares/<shareId>`, its id encoded. */
export function memberPath(collection: string, id: string): string {
  return `${collection}/${encodeURIComponent(id)}`;
}

/** The pattern the relay's router matches for any member of a collection. */
export function anyMember(collection: string): string {
  return `${collection}/*`;
}

/** Websocket upgrades: `/sync/<doc name>?token=<document token>`. */
export const SYNC_PATH = '/sync' as const;
