// A document's relay link against a real relay, with stock y-websocket underneath: status moves
// to synced and edits flow between two links; after a relay restart the expired document token
// is renewed and sync resumes; a revoked session is reported once and not retried; a meeting
// deleted on the relay closes its link and a stale copy of it is refused, not uploaded again; a
// document at the relay's size cap, and a message over its size limit, stop the link for good
// with a status that says so.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createAccount, deleteMeetingOnRelay, signOut } from '../../../extension/data/relay-api.ts';
import { RelayLink, type RelayTarget } from '../../../extension/data/relay-link.ts';
import type { SyncStatus } from '../../../extension/data/sync-status.ts';
import { startE2eRelay, type E2eRelay } from '../../e2e/helpers/e2e-relay.ts';
import { guardedSetup } from '../../e2e/helpers/guarded-setup.ts';

const TOKEN_TTL_MS = 1_500;
const MEETING = 'meeting/relaylinktest000000001';

const test = suite<{ relay: E2eRelay | null }>('relay link', { relay: null });

guardedSetup(test, async (ctx) => {
  ctx.relay = await startE2eRelay({ access: { accountTokenTtlMs: TOKEN_TTL_MS } });
});

test.after(async (ctx) => {
  await ctx.relay?.close();
});

interface Client {
  readonly doc: Y.Doc;
  readonly link: RelayLink;
  readonly statuses: SyncStatus[];
  rejected: number;
  close(): void;
}

const storedRows = (relay: E2eRelay, meetingId: string): number =>
  (relay.db.prepare('SELECT count(*) AS n FROM updates WHERE doc = ?').get(`meeting/${meetingId}`) as { n: number }).n;

function client(target: RelayTarget, name = MEETING): Client {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const statuses: SyncStatus[] = [];
  const c: Client = {
    doc,
    statuses,
    rejected: 0,
    link: new RelayLink({
      doc,
      name,
      awareness,
      target,
      onStatus: (s) => statuses.push(s),
      onSessionRejected: () => c.rejected++,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    }),
    close() {
      c.link.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
  return c;
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 1_000 && !check() && Date.now() < deadline; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), `timed out: ${what}`);
}

test('synced status, live edits, token renewal after a restart, revoked session', async ({ relay }) => {
  const grant = await createAccount(relay!.httpUrl, { email: 'link@example.org', password: 'long password 9', name: 'L' });
  const target = { relayUrl: relay!.httpUrl, session: grant.session };
  const a = client(target);
  const b = client(target);
  try {
    await until(() => a.link.status() === 'synced' && b.link.status() === 'synced', 'both synced');
    assert.equal(a.statuses.slice(-2), ['syncing', 'synced']);
    a.doc.getText('notes').insert(0, 'from a');
    await until(() => b.doc.getText('notes').toString() === 'from a', 'edit reaches b');

    // Let the document tokens expire, then make both reconnect: the old token is refused (4401).
    await new Promise((r) => setTimeout(r, TOKEN_TTL_MS + 200));
    await relay!.restart();
    await until(() => a.link.status() !== 'synced', 'a notices the restart');
    b.doc.getText('notes').insert(0, 'after restart, ');
    await until(() => a.link.status() === 'synced' && b.link.status() === 'synced', 'both synced again with fresh tokens');
    await until(() => a.doc.getText('notes').toString() === 'after restart, from a', 'edit after restart reaches a');

    await signOut(relay!.httpUrl, grant.session);
    await until(() => a.rejected === 1 && b.rejected === 1, 'session rejection reported');
    assert.is(a.link.status(), 'offline');
  } finally {
    a.close();
    b.close();
  }
});

test('a meeting deleted on the relay closes its link, and a stale copy cannot upload it again', async ({ relay }) => {
  const grant = await createAccount(relay!.httpUrl, { email: 'stale@example.org', password: 'long password 9', name: 'S' });
  const target = { relayUrl: relay!.httpUrl, session: grant.session };
  const meetingId = 'relaylinkdeleted00000001';
  const a = client(target, `meeting/${meetingId}`);
  let stale: Client | null = null;
  try {
    a.doc.getText('notes').insert(0, 'to be deleted');
    await until(() => a.link.status() === 'synced', 'synced');
    await until(() => storedRows(relay!, meetingId) > 0, 'stored');
    await deleteMeetingOnRelay(relay!.httpUrl, grant.session, meetingId);
    await until(() => a.link.status() === 'offline', 'the link is closed');
    assert.is(storedRows(relay!, meetingId), 0);

    // A device that still holds the meeting and opens it afresh is refused (410) and stays offline.
    stale = client(target, `meeting/${meetingId}`);
    stale.doc.getText('notes').insert(0, 'stale copy');
    await until(() => stale!.link.status() === 'offline', 'the stale copy is refused');
    assert.is(storedRows(relay!, meetingId), 0, 'nothing was written back');
    assert.is(stale.rejected + a.rejected, 0, 'the session is still good');
  } finally {
    a.close();
    stale?.close();
  }
});

test('a document at the size cap leaves its link "full", a refused message "refused"; neither turns "offline"', async () => {
  const relay = await startE2eRelay({ relay: { maxMessageBytes: 16 * 1024, maxDocumentBytes: 32 * 1024 } });
  const grant = await createAccount(relay.httpUrl, { email: 'full@example.org', password: 'long password 9', name: 'F' });
  const target = { relayUrl: relay.httpUrl, session: grant.session };
  const clients = [client(target, 'meeting/relaylinkfull0000000001'), client(target, 'meeting/relaylinkrefused00000001')];
  const [full, refused] = clients as [Client, Client];
  try {
    await until(() => full.link.status() === 'synced' && refused.link.status() === 'synced', 'both synced');
    // Random characters: Yjs stores text as it is, so each chunk costs its length.
    const chunk = () => Array.from({ length: 6_000 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join('');
    for (let i = 0; i < 6; i++) full.doc.getText('notes').insert(0, chunk());
    for (let i = 0; i < 6 && full.link.status() !== 'full'; i++) {
      full.doc.getText('notes').insert(0, chunk());
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(() => full.link.status() === 'full', 'the link reports the full document');
    refused.doc.getText('notes').insert(0, chunk() + chunk() + chunk());
    await until(() => refused.link.status() === 'refused', 'the link reports the refused message');
    await new Promise((r) => setTimeout(r, 600));
    assert.is(full.link.status(), 'full', 'a later event overwrote the status');
    assert.is(refused.link.status(), 'refused');
    assert.not.ok(full.statuses.includes('offline'), full.statuses.join(' '));
    assert.is(full.rejected + refused.rejected, 0, 'the session is still good');
  } finally {
    for (const c of clients) c.close();
    await relay.close();
  }
});

test.run();
