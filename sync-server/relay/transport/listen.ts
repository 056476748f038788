// Binds the relay's HTTP(S) server to its port. A refusal is one named error that names the
// address and what to do about it, instead of Node's bare `listen EACCES` (ports below 1024 need
// a capability; a port in use belongs to another process; a host no interface has is a typo).
import type { Server } from 'node:net';

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

const HINTS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied (EACCES); ports below 1024 need CAP_NET_BIND_SERVICE (README, "HTTPS and WSS")',
  EADDRINUSE: 'address already in use (EADDRINUSE); another process listens there: stop it or choose another --port',
  EADDRNOTAVAIL: 'address not available (EADDRNOTAVAIL); no interface of this machine has that --host',
};

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      const why = HINTS[error.code ?? ''] ?? `${error.message} (${error.code ?? 'error'})`;
      reject(new ListenError(`cannot listen on ${address}: ${why}`, { cause: error }));
    };
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
}
