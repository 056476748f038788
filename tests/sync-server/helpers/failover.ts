// Client-side failover for a stock y-websocket provider: given every node's URL, a provider whose
// connection closes reconnects to the next node in the list. The provider builds each socket's
// URL from its `serverUrl` when it reconnects, so moving that on is all it takes; its own
// backoff still spaces the attempts, and a node that refuses simply passes the turn on.
import type { WebsocketProvider } from 'y-websocket';

export function failOver(provider: WebsocketProvider, urls: readonly string[]): void {
  let current = Math.max(0, urls.indexOf(provider.serverUrl));
  provider.on('connection-close', () => {
    current = (current + 1) % urls.length;
    provider.serverUrl = urls[current]!;
  });
}
