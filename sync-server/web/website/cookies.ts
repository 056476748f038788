// Reading the Cookie header and writing Set-Cookie values. Every cookie the site sets is
// HttpOnly, Secure, SameSite=Strict and host-only with the __Host- prefix, so no script, no other
// site and no sibling subdomain can read or plant it.
import type { IncomingMessage } from 'node:http';

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function strictCookie(name: string, value: string, maxAgeSec: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSec}; HttpOnly; Secure; SameSite=Strict`;
}
