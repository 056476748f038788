// CSRF protection for the site's forms, two independent checks:
// - double submit: a random token in a strict cookie must equal the form's hidden field
//   (compared in constant time); another site can neither read the cookie nor make the browser
//   send it cross-site;
// - origin: the browser's Origin header (and Sec-Fetch-Site, when sent) must name this site.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readCookie, strictCookie } from './cookies.ts';
import { secretsEqual } from '../../secure-compare.ts';

export const CSRF_COOKIE = '__Host-ltm-csrf' as const;
export const CSRF_FIELD = 'csrf' as const;
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const COOKIE_MAX_AGE_SEC = 2 * 60 * 60;

export type CsrfRefusal = 'missing_token' | 'token_mismatch' | 'bad_origin';

export interface CsrfGrant {
  readonly token: string;
  /** Set-Cookie to send with the page, when the browser did not already hold a valid token. */
  readonly setCookie: string | null;
}

export const cookieHeader = (grant: CsrfGrant): Record<string, string> => (grant.setCookie ? { 'set-cookie': grant.setCookie } : {});

export function issueCsrf(req: IncomingMessage): CsrfGrant {
  const existing = readCookie(req, CSRF_COOKIE);
  if (existing !== null && TOKEN_PATTERN.test(existing)) return { token: existing, setCookie: null };
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, setCookie: strictCookie(CSRF_COOKIE, token, COOKIE_MAX_AGE_SEC) };
}

/** The site's own origin as the browser sees it: the configured public URL, else the Host header. */
function originMatches(origin: string, req: IncomingMessage, publicUrl: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl !== null) return parsed.origin === new URL(publicUrl).origin;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === req.headers.host;
}

export function checkCsrf(req: IncomingMessage, form: URLSearchParams, publicUrl: string | null): CsrfRefusal | null {
  const origin = req.headers.origin;
  if (origin === undefined || !originMatches(origin, req, publicUrl)) return 'bad_origin';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'bad_origin';
  const cookie = readCookie(req, CSRF_COOKIE);
  const field = form.get(CSRF_FIELD);
  if (cookie === null || field === null || field === '') return 'missing_token';
  return secretsEqual(cookie, field) ? null : 'token_mismatch';
}
