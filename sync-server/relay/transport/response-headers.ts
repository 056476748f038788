// Headers every HTTP answer of the relay starts with, whichever half writes it (API JSON, health,
// metrics, 404s, redirects, the website's pages). A route that writes its own value for one of
// them (the pages' CSP and Referrer-Policy) wins, since writeHead overrides setHeader; a route
// that forgets one still carries the baseline. JSON and text answers are no documents: their CSP
// allows nothing and no framing, and nosniff keeps a reflected path in a JSON error from ever
// being read as HTML. Strict-Transport-Security is sent when browsers reach the relay over HTTPS
// (it serves TLS itself, or its public URL is https:// behind a proxy); browsers ignore it on
// plain HTTP (RFC 6797 8.1), so a proxy's plain hop to the relay does no harm. No
// includeSubDomains: the operator's other hosts are not the relay's to decide.
import type { ServerResponse } from 'node:http';

/** One year, the common preload-list minimum. */
export const HSTS_MAX_AGE_SEC = 365 * 24 * 60 * 60;

export const BASELINE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
} as const;

export const HSTS_HEADER = { 'strict-transport-security': `max-age=${HSTS_MAX_AGE_SEC}` } as const;

/** Whether browsers reach this relay over HTTPS: its own TLS, or an https:// public URL. */
export function servedOverHttps(servesTls: boolean, publicUrl: string | null): boolean {
  return servesTls || (publicUrl !== null && publicUrl.toLowerCase().startsWith('https:'));
}

export function responseHeaderSetter(https: boolean): (res: ServerResponse) => void {
  const headers: Readonly<Record<string, string>> = https ? { ...BASELINE_HEADERS, ...HSTS_HEADER } : BASELINE_HEADERS;
  return (res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  };
}
