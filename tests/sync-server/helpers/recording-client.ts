// A stock y-websocket WebsocketProvider whose socket class also records every document update
// the relay sent it (sync step 2 answers and broadcast updates). The relay broadcasts only after
// commit, so each recorded payload must already be in the store: the crash test checks exactly
// that after every kill.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SyncType } from '../../../sync-server/relay/protocol/messages.ts';
import { readFrame } from './frames.ts';

export interface RecordingClient {
  readonly provider: WebsocketProvider;
  readonly doc: Y.Doc;
  /** Update payloads received from the relay, in arrival order. */
  readonly received: Uint8Array[];
  /** Close codes the relay sent this client (1006 when the relay died without one). */
  readonly closeCodes: number[];
  /** Sockets of this client that are not closed yet (only those whose URL starts with `prefix`). */
  openSockets(prefix?: string): number;
  destroy(): void;
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  return new Uint8Array(data as Buffer);
}

export function recordingClient(url: string, docName: string, token: string, maxBackoffTime = 100): RecordingClient {
  const received: Uint8Array[] = [];
  const open = new Set<WebSocket>();
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      open.add(this);
      this.on('close', () => open.delete(this));
      this.on('message', (data: unknown) => {
        const frame = readFrame(toBytes(data));
        if (frame.kind === 'sync' && (frame.type === SyncType.step2 || frame.type === SyncType.update)) {
          received.push(frame.payload.slice());
        }
      });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    provider,
    doc,
    received,
    closeCodes,
    openSockets: (prefix = '') => [...open].filter((socket) => socket.url.startsWith(prefix)).length,
    destroy() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
