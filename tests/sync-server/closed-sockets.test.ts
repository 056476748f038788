// Once the relay has decided to close a socket, nothing that socket sends afterwards is applied,
// stored, broadcast or held. Each refusal path is driven with a raw client that ignores the close
// frame and keeps sending updates (independent ones, one with missing dependencies) and a
// presence state; an observer in the same room and the SQLite file must never see any of it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CloseCode, type CloseCodeValue } from '../../wire/close-codes.ts';
import type { RelayConfig } from '../../sync-server/config.ts';
import { encodeAwareness, encodeSyncStep1, encodeUpdate, MessageType } from '../../sync-server/relay/protocol/messages.ts';
import { connectDeafClient, type DeafClient } from './helpers/deaf-client.ts';
import { isStep2Frame, isUpdateFrame, storedRows, textUpdate } from './helpers/frames.ts';
import { fullableStore, PAGE_FILLER, type FullableStore } from './helpers/full-database.ts';
import { docName, makeTempDir, startTestRelay, waitFor, type RawClient, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const MARK = 'after-close';
const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

const test = suite('sockets the relay closed');

function awarenessFrame(client: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, JSON.stringify(state));
  return encodeAwareness(encoding.toUint8Array(e));
}

/** What a hostile client sends after the close frame: every kind of thing the relay could keep. */
function afterCloseFrames(): Uint8Array[] {
  const source = new Y.Doc();
  source.getText('notes').insert(0, 'dependency');
  const before = Y.encodeStateVector(source);
  source.getText('notes').insert(0, `${MARK} waiting`);
  const waiting = Y.encodeStateAsUpdate(source, before);
  return [
    ...Array.from({ length: 5 }, (_, i) => encodeUpdate(textUpdate(`${MARK} ${i}`))),
    encodeUpdate(waiting),
    awarenessFrame(424242, { user: { name: MARK } }),
    QUERY_AWARENESS,
  ];
}

const contains = (data: Uint8Array, text: string) => Buffer.from(data).includes(text);
const infoLines = (harness: TestRelay) => harness.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 30).length;

async function droppedAfterClose(harness: TestRelay): Promise<number> {
  const { values } = await harness.relay.metrics.rejectedFrames.get();
  return values.find((v) => v.labels.reason === 'after_close')?.value ?? 0;
}

/** The observer's own write and its echo: everything sent before it has been handled by then. */
async function roundTrip(observer: RawClient, label: string): Promise<void> {
  observer.ws.send(encodeUpdate(textUpdate(label)));
  await waitFor(() => observer.received.some((d) => isUpdateFrame(d) && contains(d, label)), `echo of ${label}`);
}

async function deafClient(harness: TestRelay, doc: string, role: 'edit' | 'view', token = TokenRoleGate.token(role, doc)): Promise<DeafClient> {
  const deaf = await connectDeafClient(`${harness.relay.url}/${doc}?token=${encodeURIComponent(token)}`);
  deaf.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => deaf.received.some(isStep2Frame), 'the room answered the raw client');
  return deaf;
}

interface Refusal {
  readonly overrides?: Partial<RelayConfig>;
  readonly role?: 'edit' | 'view';
  /** True when ws itself stops reading the socket (nothing reaches the relay to drop). */
  readonly unread?: boolean;
  provoke(deaf: DeafClient, harness: TestRelay, token: string, observer: RawClient): Promise<void> | void;
}

/** The relay cuts a peer that never answers its close frame after this. */
const CLOSE_GRACE_MS = 1_000;

async function checkRefusal(expected: CloseCodeValue, refusal: Refusal): Promise<void> {
  const harness = await startTestRelay({ closeGraceMs: CLOSE_GRACE_MS, ...refusal.overrides });
  try {
    const doc = docName();
    const observer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await observer.opened;
    const token = TokenRoleGate.token(refusal.role ?? 'edit', doc);
    const deaf = await deafClient(harness, doc, refusal.role ?? 'edit', token);
    await refusal.provoke(deaf, harness, token, observer);
    assert.is(await deaf.closeFrame, expected);
    // One line for the refusal (1007's is written where the update is judged), none for the rest.
    const closeLines = harness.logs.filter((line) => line.includes('"msg":"socket closed"'));
    assert.is(closeLines.length, expected === CloseCode.malformedData ? 0 : 1, closeLines.join('\n'));
    const linesAtClose = infoLines(harness);
    const frames = afterCloseFrames();
    const before = await droppedAfterClose(harness);
    for (const frame of frames) deaf.send(frame);
    if (!refusal.unread) {
      await waitFor(async () => (await droppedAfterClose(harness)) - before >= frames.length || observer.received.some((d) => contains(d, MARK)), 'the relay to read what was sent after the close');
    }
    await roundTrip(observer, 'barrier');
    assert.is(infoLines(harness), linesAtClose, 'what was sent after the close was logged');
    assert.not.ok(observer.received.some((d) => contains(d, MARK)), 'something sent after the close was broadcast');
    assert.not.ok(storedRows(harness.dataDir, doc).some((row) => contains(row, MARK)), 'something sent after the close was stored');
    const room = harness.relay.rooms.get(doc);
    assert.is(room?.awareness.stateCount ?? 0, 0, 'a presence state sent after the close is held');
    assert.ok(deaf.received.every((d) => !contains(d, 'barrier')), 'the closed socket still hears updates');
    let ended = false;
    void deaf.ended.then(() => (ended = true));
    await waitFor(() => ended, 'the relay to cut the peer that never answered its close frame', 10 * CLOSE_GRACE_MS);
    deaf.destroy();
  } finally {
    await harness.stop();
  }
}

test('4401: a revoked socket', () =>
  checkRefusal(CloseCode.unauthenticated, { provoke: (_deaf, harness, token) => harness.gate.revoke(token) }));

test('4403: a viewer that writes', () =>
  checkRefusal(CloseCode.forbidden, { role: 'view', overrides: { viewerAwareness: true }, provoke: (deaf) => deaf.send(encodeUpdate(textUpdate('viewer write'))) }));

test('4413: a frame over maxMessageBytes', () =>
  checkRefusal(CloseCode.tooLarge, { overrides: { maxMessageBytes: 64 * 1024 }, unread: true, provoke: (deaf) => deaf.send(encodeUpdate(textUpdate('y'.repeat(100 * 1024)))) }));

test('4529: over the message rate', () =>
  checkRefusal(CloseCode.rateLimited, {
    overrides: { messagesPerSecond: 0.001, messageBurst: 5 },
    provoke: (deaf) => {
      for (let i = 0; i < 10; i++) deaf.send(QUERY_AWARENESS);
    },
  }));

test('4503: over the room queue', () =>
  checkRefusal(CloseCode.roomFull, {
    overrides: { maxQueuedMessagesPerRoom: 3 },
    // One write: ws hands every frame of a chunk to the room before the room drains any.
    provoke: (deaf) => deaf.sendTogether(Array.from({ length: 10 }, () => QUERY_AWARENESS)),
  }));

test('4508: a reader that fell behind', () =>
  checkRefusal(CloseCode.slowConsumer, {
    overrides: { sendBufferBytes: 64 * 1024, bytesPerSecond: 64 * 1024 * 1024, byteBurst: 64 * 1024 * 1024, messagesPerSecond: 10_000, messageBurst: 10_000 },
    provoke: async (deaf, harness, _token, observer) => {
      deaf.pause();
      const source = new Y.Doc();
      for (let i = 0; i < 400; i++) {
        const before = Y.encodeStateVector(source);
        source.getText('filler').insert(0, `${i}`.padEnd(128 * 1024, '.'));
        const label = `filler ${i}`;
        source.getMap('labels').set('last', label);
        observer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(source, before)));
        await waitFor(() => observer.received.some((d) => isUpdateFrame(d) && contains(d, label)), label);
        const { values } = await harness.relay.metrics.refusedConnections.get();
        if (values.some((v) => v.labels.code === String(CloseCode.slowConsumer))) break;
      }
      deaf.resume();
    },
  }));

test('4431: a presence state over maxAwarenessStateBytes', () =>
  checkRefusal(CloseCode.awarenessTooLarge, {
    overrides: { maxAwarenessStateBytes: 1024 },
    provoke: (deaf) => deaf.send(awarenessFrame(77, { user: { name: 'z'.repeat(2048) } })),
  }));

test('1007: an update Yjs cannot apply', () =>
  checkRefusal(CloseCode.malformedData, { provoke: (deaf) => deaf.send(encodeUpdate(new Uint8Array([1, 2, 3, 250, 250, 250]))) }));

test('refused before admission (4401, 4400): a peer that never answers the close frame is cut after closeGraceMs', async () => {
  const harness = await startTestRelay({ closeGraceMs: CLOSE_GRACE_MS });
  try {
    const doc = docName();
    for (const [path, expected] of [
      [`${doc}?token=not-a-token`, CloseCode.unauthenticated],
      ['meeting/x?token=whatever', CloseCode.badRequest],
    ] as const) {
      const deaf = await connectDeafClient(`${harness.relay.url}/${path}`);
      assert.is(await deaf.closeFrame, expected);
      let ended = false;
      void deaf.ended.then(() => (ended = true));
      // ws alone would wait 30 s for the answer.
      await waitFor(() => ended, `the relay to cut the refused peer (${expected})`, 10 * CLOSE_GRACE_MS);
      deaf.destroy();
    }
  } finally {
    await harness.stop();
  }
});

test('1011: a commit that failed (full disk)', async () => {
  const dataDir = makeTempDir();
  const full: FullableStore = fullableStore(dataDir);
  const harness = await startTestRelay({}, { store: full.store, dataDir });
  try {
    const doc = docName();
    const deaf = await deafClient(harness, doc, 'edit');
    const disk = full.fill();
    deaf.send(encodeUpdate(textUpdate(PAGE_FILLER)));
    assert.is(await deaf.closeFrame, CloseCode.internalError);
    disk.makeRoom();
    const observer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await observer.opened;
    await roundTrip(observer, 'space again');
    const frames = afterCloseFrames();
    const before = await droppedAfterClose(harness);
    for (const frame of frames) deaf.send(frame);
    await waitFor(async () => (await droppedAfterClose(harness)) - before >= frames.length, 'the relay to drop what was sent after the close');
    await roundTrip(observer, 'barrier');
    assert.not.ok(observer.received.some((d) => contains(d, MARK)));
    assert.not.ok(storedRows(dataDir, doc).some((row) => contains(row, MARK)));
    deaf.destroy();
  } finally {
    await harness.stop();
    full.db.close();
  }
});

test.run();
