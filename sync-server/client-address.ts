// Which address a request comes from, for per-IP limits and refusal logs. By default the TCP
// peer: forwarded-for headers are written by the client and are never trusted. Behind a reverse
// proxy every request has the proxy's address, so one abuser would rate-limit everyone; the
// operator can name the proxies (--trust-proxy), and only for requests whose peer is one of them
// is the right-most X-Forwarded-For entry that is not itself a trusted proxy taken instead.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const resolved = new WeakMap<IncomingMessage, string>();

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

export function forwardedClient(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trustedProxies: ReadonlySet<string>,
): string {
  if (!trustedProxies.has(peer) || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map(normalizeAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}

/** Called once per request by the relay, before any handler asks for the address. */
export function resolveClientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  const address = forwardedClient(peer, req.headers['x-forwarded-for'], trustedProxies);
  resolved.set(req, address);
  return address;
}

export function clientAddress(req: IncomingMessage): string {
  return resolved.get(req) ?? normalizeAddress(req.socket.remoteAddress ?? 'unknown');
}
