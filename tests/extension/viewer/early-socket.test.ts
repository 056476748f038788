// The viewer's early socket against a real relay (port 0, SQLite in a temp dir) with ws sockets and
// stock y-websocket providers: the provider adopts the socket the page opened before its bundle
// ran, whether the relay's answer is already there, still awaited, or the socket was refused;
// a reconnect or another document gets a socket of its own.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { EarlySocket, EMPTY_SYNC_STEP1, publishEarlySocket, syncSocketUrl, takeEarlySocket } from '../../../extension/viewer/early-socket.ts';
import { CloseCode } from '../../../wire/close-codes.ts';
import { TokenRoleGate } from '../../sync-server/helpers/token-role-gate.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from '../../sync-server/helpers/relay-harness.ts';

const test = suite<{ harness: TestRelay; providers: WebsocketProvider[] }>('viewer early socket');

/** ws sockets that keep what they received, and a list of every socket made. */
function socketClass() {
  const made: RecordingSocket[] = [];
  class RecordingSocket extends WebSocket {
    readonly received: Uint8Array[] = [];
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      made.push(this);
      this.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    }
  }
  return { made, SocketClass: RecordingSocket as unknown as typeof globalThis.WebSocket };
}

/** An early socket to the test relay for `doc` with `token`, and every socket made from then on. */
function openEarly(harness: TestRelay, doc: string, token: string) {
  const { made, SocketClass } = socketClass();
  return { made, early: new EarlySocket(syncSocketUrl(harness.relay.url, doc, token), SocketClass) };
}

/** The relay's step 2 answers a socket received (message sync 0, step 2 1). */
function step2s(socket: { received: Uint8Array[] }): Uint8Array[] {
  return socket.received.filter((m) => m[0] === 0 && m[1] === 1);
}

test.before.each(async (ctx) => {
  ctx.harness = await startTestRelay();
  ctx.providers = [];
});

test.after.each(async ({ harness, providers }) => {
  for (const p of providers) {
    p.awareness.destroy();
    p.destroy();
  }
  await harness.stop();
});

function adopt(ctx: { harness: TestRelay; providers: WebsocketProvider[] }, early: EarlySocket, doc: string, token: string): WebsocketProvider {
  const provider = new WebsocketProvider(ctx.harness.relay.url, doc, new Y.Doc(), {
    WebSocketPolyfill: early.adoptingWebSocket(),
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  ctx.providers.push(provider);
  return provider;
}

/** A meeting with text on the relay, written by an editor that stays connected. */
async function seeded(harness: TestRelay, text: string): Promise<{ doc: string; writer: WebsocketProvider }> {
  const doc = docName();
  const writer = harness.provider(doc, 'edit');
  await waitFor(() => writer.synced, 'writer synced');
  writer.doc.getText('notes').insert(0, text);
  return { doc, writer };
}

test('the early step 1 is y-protocols’ step 1 of an empty document', () => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  assert.equal(EMPTY_SYNC_STEP1, encoding.toUint8Array(encoder));
});

test('the early socket’s URL is the one the provider builds, for a token with reserved characters', () => {
  const token = 'a+b/c=d~e.f g&h?i#j%k';
  const provider = new WebsocketProvider('ws://relay.invalid/sync', 'meeting/AAAAAAAAAAAAAAAAAAAAAA', new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: false,
    params: { token },
    disableBc: true,
  });
  try {
    assert.is(syncSocketUrl('ws://relay.invalid/sync', 'meeting/AAAAAAAAAAAAAAAAAAAAAA', token), provider.url);
  } finally {
    provider.awareness.destroy();
    provider.destroy();
  }
});

test('the inlined script and the bundle pass the socket once through the window', () => {
  const { SocketClass } = socketClass();
  const holder = {};
  const early = new EarlySocket('ws://127.0.0.1:1/sync/x', SocketClass);
  publishEarlySocket(holder, early);
  assert.is(takeEarlySocket(holder), early);
  assert.is(takeEarlySocket(holder), null);
  early.adoptingWebSocket();
});

test('adopted after the answer arrived: one socket, the meeting once, the provider synced and live', async (ctx) => {
  const { harness } = ctx;
  const { doc, writer } = await seeded(harness, 'the agenda so far');
  const token = TokenRoleGate.token('view', doc);
  const { made, early } = openEarly(harness, doc, token);
  await waitFor(() => made[0] !== undefined && step2s(made[0]).length === 1, 'the relay answered the early step 1');
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.synced && provider.wsconnected, 'provider synced over the adopted socket');
  assert.is(provider.doc.getText('notes').toString(), 'the agenda so far');
  // The provider's own step 1 carries the state it has, so the relay's second answer is empty.
  await waitFor(() => step2s(made[0]!).length === 2, 'the answer to the provider’s step 1');
  assert.ok(step2s(made[0]!)[1]!.byteLength < 16, `second answer ${step2s(made[0]!)[1]!.byteLength} bytes`);
  writer.doc.getText('notes').insert(0, 'live: ');
  await waitFor(() => provider.doc.getText('notes').toString() === 'live: the agenda so far', 'a later edit arrives');
  assert.is(made.length, 1, 'one socket');
});

test('adopted while the relay still decides: the provider’s empty step 1 is not sent again', async (ctx) => {
  const { harness } = ctx;
  const { doc, writer } = await seeded(harness, 'decided later');
  const token = TokenRoleGate.token('view', doc);
  harness.gate.holdDecisions();
  const { made, early } = openEarly(harness, doc, token);
  await waitFor(() => harness.gate.heldDecisions === 1 && made[0]?.readyState === WebSocket.OPEN, 'early socket open, decision held');
  await waitFor(() => made[0]!.bufferedAmount === 0, 'early step 1 sent');
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.wsconnected, 'provider connected over the adopted socket');
  harness.gate.releaseDecisions();
  await waitFor(() => provider.synced, 'provider synced');
  assert.is(provider.doc.getText('notes').toString(), 'decided later');
  // An edit after the answer: a second answer from the relay would have come before it.
  writer.doc.getText('notes').insert(0, 'then ');
  await waitFor(() => provider.doc.getText('notes').toString() === 'then decided later', 'a later edit arrives');
  assert.is(step2s(made[0]!).length, 1, 'the meeting was sent once');
  assert.is(made.length, 1, 'one socket');
});

test('adopted before it opened: the provider asks for the meeting itself, over the same socket', async (ctx) => {
  const { harness } = ctx;
  const { doc } = await seeded(harness, 'straight away');
  const token = TokenRoleGate.token('edit', doc);
  const { made, early } = openEarly(harness, doc, token);
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.synced && provider.wsconnected, 'provider synced');
  assert.is(provider.doc.getText('notes').toString(), 'straight away');
  assert.is(step2s(made[0]!).length, 1, 'the meeting was sent once');
  assert.is(made.length, 1, 'one socket');
});

test('a refusal that came before adoption reaches the provider as a final close, with no reconnect', async (ctx) => {
  const { harness } = ctx;
  const doc = docName();
  const token = TokenRoleGate.token('view', docName());
  const { made, early } = openEarly(harness, doc, token);
  await waitFor(() => made[0]?.readyState === WebSocket.CLOSED, 'the relay refused the early socket');
  const closes: number[] = [];
  const provider = adopt(ctx, early, doc, token);
  provider.on('closed', ({ code }) => closes.push(code));
  await waitFor(() => closes.length === 1, 'the provider heard the refusal');
  assert.is(closes[0], CloseCode.forbidden);
  assert.is(provider.shouldConnect, false, 'a final close stops reconnecting');
  assert.is(made.length, 1, 'no second socket');
});

test('a reconnect after adoption opens a new socket and syncs again', async (ctx) => {
  const { harness } = ctx;
  const { doc, writer } = await seeded(harness, 'before');
  const token = TokenRoleGate.token('view', doc);
  const { made, early } = openEarly(harness, doc, token);
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.synced, 'synced over the early socket');
  provider.disconnect();
  writer.doc.getText('notes').insert(0, 'after, ');
  provider.connect();
  await waitFor(() => provider.synced && provider.doc.getText('notes').toString() === 'after, before', 'synced again');
  assert.is(made.length, 2, 'a fresh socket for the reconnect');
  assert.is(made[0]!.readyState, WebSocket.CLOSED, 'the early socket is closed');
});

test('a discarded early socket closes, and a provider after it opens its own', async (ctx) => {
  const { harness } = ctx;
  const { doc } = await seeded(harness, 'not followed');
  const token = TokenRoleGate.token('view', doc);
  const { made, early } = openEarly(harness, doc, token);
  early.discard();
  await waitFor(() => made[0]!.readyState === WebSocket.CLOSED, 'the early socket is closed');
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.synced, 'synced over its own socket');
  assert.is(made.length, 2);
});

test('a provider for another document gets its own socket, and the early one is closed', async (ctx) => {
  const { harness } = ctx;
  const { doc } = await seeded(harness, 'the other one');
  const token = TokenRoleGate.token('view', doc);
  const { made, early } = openEarly(harness, docName(), token);
  const provider = adopt(ctx, early, doc, token);
  await waitFor(() => provider.synced, 'synced over its own socket');
  assert.is(provider.doc.getText('notes').toString(), 'the other one');
  assert.is(made.length, 2);
  await waitFor(() => made[0]!.readyState === WebSocket.CLOSED, 'the early socket is closed');
});

test.run();
