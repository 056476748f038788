// The meeting's owner for the viewer's tests: an account made through the real API, an owner
// token from POST /api/tokens (which claims the meeting), and a stock y-websocket client in Node
// that runs the meeting with crdt operations. Share links come from POST /api/shares. The HTTP
// calls go through the extension's own relay client.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import {
  addItem, clockView, createMeeting, meetingDocName, newId, readClockLog, type ActorId, type ClockStamp, type ClockView, type ItemId,
  type MeetingId, type RandomBytes,
} from '../../../crdt/index.ts';
import { createAccount, createShare, requestDocToken, revokeShare } from '../../../extension/data/relay-api.ts';

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
  const { session } = await createAccount(base, { email, password: 'a long enough password', name: 'Ada' });
  const meetingId: MeetingId = meeting.kind === 'document' ? meeting.id : newId(random);
  const docName = meetingDocName(meetingId);
  const { token } = await requestDocToken(base, session, docName);
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
      const made = await createShare(base, session, meetingId, role);
      return { shareId: made.shareId, token: made.token, path: `/m/${meetingId}#${made.token}` };
    },
    async revoke(shareId) {
      await revokeShare(base, session, shareId);
    },
    close() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
