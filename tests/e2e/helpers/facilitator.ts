// The meeting's owner for the viewer's tests: an account made through the real API, an owner
// token from POST /api/tokens (which claims the meeting), and a stock y-websocket client in Node
// that runs the meeting with crdt operations. Share links come from POST /api/shares.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import {
  addItem, clockView, createMeeting, newId, readClockLog, type ActorId, type ClockStamp, type ClockView, type ItemId, type MeetingId,
  type RandomBytes,
} from '../../../crdt/index.ts';

export const random: RandomBytes = (length) => new Uint8Array(randomBytes(length));

export interface ShareLink {
  readonly shareId: string;
  readonly token: string;
  /** /m/<meetingId>#<token> */
  readonly path: string;
}

export interface Facilitator {
  readonly meetingId: MeetingId;
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly items: readonly ItemId[];
  readonly session: string;
  stamp(): ClockStamp;
  clock(): ClockView;
  share(role: 'view' | 'edit'): Promise<ShareLink>;
  revoke(shareId: string): Promise<void>;
  close(): void;
}

export interface AgendaItem {
  readonly title: string;
  readonly plannedSec: number;
}

async function api(base: string, method: string, path: string, body?: unknown, session?: string): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers.authorization = `Bearer ${session}`;
  const response = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    const done = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', done);
      resolve();
    };
    provider.on('sync', done);
  });
}

let accounts = 0;

/** A new meeting with this agenda, or an existing document (its id and its state as one update). */
export type MeetingSeed =
  | { readonly kind: 'agenda'; readonly title: string; readonly items: readonly AgendaItem[] }
  | { readonly kind: 'document'; readonly id: MeetingId; readonly update: Uint8Array };

export async function startFacilitator(relay: { readonly httpUrl: string; readonly wsUrl: string }, meeting: MeetingSeed): Promise<Facilitator> {
  const base = relay.httpUrl;
  accounts += 1;
  const email = `facilitator${accounts}.${process.pid}@example.org`;
  const { session } = await api(base, 'POST', '/api/accounts', { email, password: 'a long enough password', name: 'Ada' });
  const meetingId: MeetingId = meeting.kind === 'document' ? meeting.id : newId(random);
  const docName = `meeting/${meetingId}`;
  const { token } = await api(base, 'POST', '/api/tokens', { doc: docName }, session);
  const doc = new Y.Doc();
  const by = 'facilitator-device' as ActorId;
  const now = () => Date.now();
  let items: ItemId[] = [];
  if (meeting.kind === 'document') Y.applyUpdate(doc, meeting.update);
  else {
    createMeeting(doc, { id: meetingId, title: meeting.title, now: now() });
    items = meeting.items.map((item) => addItem(doc, { random, title: item.title, plannedSec: item.plannedSec }));
  }
  const provider = new WebsocketProvider(relay.wsUrl, docName, doc, { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true });
  provider.awareness.setLocalStateField('user', { name: 'Ada (facilitator)', color: '#1f6feb' });
  await whenSynced(provider);

  return {
    meetingId,
    docName,
    doc,
    provider,
    items,
    session,
    stamp: () => ({ now: now(), by }),
    clock: () => clockView(readClockLog(doc), now()),
    async share(role) {
      const made = await api(base, 'POST', '/api/shares', { meetingId, role }, session);
      return { shareId: made.shareId, token: made.token, path: `/m/${meetingId}#${made.token}` };
    },
    async revoke(shareId) {
      await api(base, 'DELETE', `/api/shares/${shareId}`, undefined, session);
    },
    close() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
