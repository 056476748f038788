// A lean y-websocket protocol client for load: raw ws plus the relay's own message encoders, one
// tiny Y.Doc per client for its writes. 2,000 stock WebsocketProviders (each with awareness,
// timers and a full replica) would swamp a generator sharing 2 cores with the relay. Each write
// pushes a marker {s, n, t} (sender, sequence, send time) so receivers can measure fan-out
// latency and account for every update of their room, padded so each update is about 64 bytes
// (a few typed characters with their Yjs bookkeeping).
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, SyncType, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';

export interface Marker {
  readonly s: number;
  readonly n: number;
  readonly t: number;
  readonly p?: string;
}

export interface WireClientEvents {
  onMarker(client: WireClient, marker: Marker, viaStep2: boolean): void;
  onSynced(client: WireClient): void;
}

/** Brings one marker's update to 64-65 bytes (the send time is a float of varying size). */
const PADDING = 'x'.repeat(22);

export function markersOf(update: Uint8Array): Marker[] {
  const markers: Marker[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      for (const value of struct.content.getContent()) markers.push(value as Marker);
    }
  }
  return markers;
}

export class WireClient {
  readonly index: number;
  readonly room: string;
  readonly doc = new Y.Doc();
  ws: WebSocket | null = null;
  synced = false;
  sent = 0;
  readonly #url: string;
  readonly #events: WireClientEvents;
  #pending: Uint8Array | null = null;

  constructor(index: number, url: string, room: string, token: string, events: WireClientEvents) {
    this.index = index;
    this.room = room;
    this.#url = `${url}/${room}?token=${encodeURIComponent(token)}`;
    this.#events = events;
    this.doc.on('update', (update: Uint8Array) => {
      this.#pending = update;
    });
  }

  connect(localAddress?: string): Promise<void> {
    this.synced = false;
    const ws = new WebSocket(this.#url, { perMessageDeflate: false, ...(localAddress ? { localAddress } : {}) });
    this.ws = ws;
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => this.#receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.send(encodeSyncStep1(this.doc));
        resolve();
      });
      ws.once('close', (code) => reject(new Error(`closed before open: ${code}`)));
    });
  }

  /** Pushes one marker and sends the resulting update; false if the socket is not open. */
  write(now: number): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return false;
    this.doc.getArray<Marker>('load').push([{ s: this.index, n: this.sent, t: now, p: PADDING }]);
    const update = this.#pending!;
    this.#pending = null;
    ws.send(encodeUpdate(update));
    this.sent++;
    return true;
  }

  close(): void {
    this.ws?.terminate();
    this.ws = null;
  }

  #receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === SyncType.step1) {
      // Answer as a stock client would: with whatever of ours the relay lacks.
      this.ws?.send(encodeSyncStep2(this.doc, payload));
      return;
    }
    const viaStep2 = type === SyncType.step2;
    for (const marker of markersOf(payload)) this.#events.onMarker(this, marker, viaStep2);
    if (viaStep2 && !this.synced) {
      this.synced = true;
      this.#events.onSynced(this);
    }
  }
}
