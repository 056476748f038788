// Which address a request comes from, for per-IP limits and refusal logs. By default the TCP
// peer: forwarded-for headers are written by the client and are never trusted. Behind a reverse
// proxy every request has the proxy's address, so one abuser would rate-limit everyone; the
// operator can name the proxies (--trust-proxy), and only for requests whose peer is one of them
// is the right-most X-Forwarded-For entry that is not itself a trusted proxy taken instead.
// An IPv6 client is counted by its /64: one host or one home is given a whole /64 (RFC 6177,
// RIPE-690) and picks any address in it at will, so keyed by the full address every per-IP limit
// would let one client pose as 2^64. A /64 is one network, as one IPv4 address behind NAT is.
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

const IPV6_PREFIX_GROUPS = 4;

/** The client a normalized address stands for: an IPv4 address itself, an IPv6 one its /64
 *  (`2001:db8:1:2::/64`). */
export function addressGroup(address: string): string {
  const bare = address.split('%')[0] ?? address;
  if (isIP(bare) !== 6) return address;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string | undefined): string[] =>
    part ? part.split(':').flatMap((g) => (isIP(g) === 4 ? ['0', '0'] : [g])) : [];
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const prefix = all.slice(0, IPV6_PREFIX_GROUPS).map((g) => parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

/** Called once per request by the relay, before any handler asks for the address. */
export function resolveClientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  const address = addressGroup(forwardedClient(peer, req.headers['x-forwarded-for'], trustedProxies));
  resolved.set(req, address);
  return address;
}

export function clientAddress(req: IncomingMessage): string {
  return resolved.get(req) ?? addressGroup(normalizeAddress(req.socket.remoteAddress ?? 'unknown'));
}
