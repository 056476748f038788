// A real HTTP server on 127.0.0.1 port 0 that accepts requests and never finishes answering them
// (a relay or proxy that hangs): `respond` may send a part of the answer and then stops. It
// records each request and when the client gave up on it (its connection closed before an
// answer was finished), so a test can check that the call was really abandoned.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface HangingServer {
  readonly url: string;
  /** Requests received, by method and path. */
  readonly requests: readonly string[];
  /** Resolves when the client has closed the connection of the nth request (from 0) unanswered. */
  abandoned(nth: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHangingServer(respond: (res: ServerResponse) => void = () => {}): Promise<HangingServer> {
  const requests: string[] = [];
  const closes: Promise<void>[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    closes.push(once(res, 'close').then(() => {
      if (res.writableFinished) throw new Error('the answer was finished after all');
    }));
    respond(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    abandoned: (nth) => closes[nth] ?? Promise.reject(new Error(`no request ${nth}`)),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
