// Bounds the TCP connections one client holds open at once, HTTP and websocket alike. Node's
// header and request timeouts cut each slow connection after authDeadlineMs, but nothing bounded
// how many one address opens meanwhile: a slowloris client reconnecting as fast as it is cut
// holds as many file descriptors and header buffers as it likes, until the relay meets its
// open-file limit and refuses everyone. A connection over the cap is dropped before a byte is
// read (over TLS nothing readable could be written back before the handshake). A trusted proxy
// carries many clients on its connections and is not counted; behind it the per-IP limits of
// each request apply. The refusal is logged through the failure log: once per interval, with the
// count of those left out, since a flood would otherwise write a line per connection.
import type { Server } from 'node:net';
import { addressGroup, normalizeAddress } from '../../client-address.ts';
import type { FailureLog } from '../failure-log.ts';
import { IpSocketCount } from '../limits/ip-socket-count.ts';
import type { RelayMetrics } from '../metrics.ts';

export class TooManyConnectionsError extends Error {
  override readonly name = 'TooManyConnectionsError';
}

export interface ConnectionCapDeps {
  readonly maxPerIp: number;
  readonly trustedProxies: ReadonlySet<string>;
  readonly failures: FailureLog;
  readonly metrics: RelayMetrics;
}

export function capConnectionsPerIp(server: Server, deps: ConnectionCapDeps): void {
  const open = new IpSocketCount(deps.maxPerIp);
  server.on('connection', (socket) => {
    const peer = normalizeAddress(socket.remoteAddress ?? 'unknown');
    if (deps.trustedProxies.has(peer)) return;
    const ip = addressGroup(peer);
    if (open.hold(ip, socket)) return;
    deps.metrics.refusedConnections.inc({ code: '429' });
    deps.failures.warn('connection dropped: too many open from one address', { ip }, new TooManyConnectionsError(`over ${deps.maxPerIp} open connections`));
    socket.destroy();
  });
}
