// A stock y-websocket client in Node (ws as its WebSocket, no BroadcastChannel), as the relay's
// compatibility contract promises one works; destroyProvider also ends its awareness timer so
// the test process can exit.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export function stockProvider(url: string, doc: string, token: string, ydoc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(url, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
}

export function destroyProvider(provider: WebsocketProvider): void {
  provider.awareness.destroy();
  provider.destroy();
}
