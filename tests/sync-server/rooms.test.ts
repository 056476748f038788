// Room lifecycle: nothing is answered before the stored state is loaded, a failed load closes
// with 1011 and writes nothing, compaction keeps the state and bounds the stored bytes, and a
// room unloads after its last client leaves and the grace period passes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { encodeSyncStep1, encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { MemoryDocumentStore } from '../../sync-server/relay/storage/memory-document-store.ts';
import { databasePath, openDatabase } from '../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../sync-server/relay/storage/sqlite-document-store.ts';
import type { StoredDocument } from '../../sync-server/relay/storage/document-store.ts';
import { docFromRows, isStep1Frame, isStep2Frame, readFrame, storedRows, textUpdate } from './helpers/frames.ts';
import { docName, makeTempDir, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

/** Fault injector: a real memory store whose loads wait until released. */
class HeldLoadStore extends MemoryDocumentStore {
  loadsStarted = 0;
  #release!: () => void;
  readonly #released = new Promise<void>((resolve) => (this.#release = resolve));
  release(): void {
    this.#release();
  }
  override async load(doc: string): Promise<StoredDocument> {
    this.loadsStarted++;
    await this.#released;
    return super.load(doc);
  }
}

/** Fault injector: a real SQLite store whose loads fail for the named documents. */
class FailingLoadStore extends SqliteDocumentStore {
  readonly failing = new Set<string>();
  override async load(doc: string): Promise<StoredDocument> {
    if (this.failing.has(doc)) throw new Error('disk says no');
    return super.load(doc);
  }
}

/** Fault injector: a real memory store whose appends fail while `failing` is set. */
class FailingAppendStore extends MemoryDocumentStore {
  failing = false;
  override async append(batches: Parameters<MemoryDocumentStore['append']>[0]) {
    if (this.failing) throw new Error('disk full');
    return super.append(batches);
  }
}

function textOfStep2(received: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const data of received) {
    const frame = readFrame(data);
    if (frame.kind === 'sync' && frame.type !== 0) Y.applyUpdate(doc, frame.payload);
  }
  return doc.getText('notes').toString();
}

const test = suite('rooms');

test('a room answers nothing until its stored state is loaded', async () => {
  const store = new HeldLoadStore();
  const doc = docName();
  await store.append([{ doc, updates: [textUpdate('stored before start')] }]);
  const harness = await startTestRelay({}, { store });
  try {
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    client.ws.send(encodeSyncStep1(new Y.Doc()));
    client.ws.send(encodeUpdate(textUpdate('sent during load ')));
    await waitFor(async () => (await harness.relay.metrics.messagesIn.get()).values[0]?.value === 2, 'relay got both messages');
    await waitFor(() => store.loadsStarted === 1, 'load started');
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.is(client.received.length, 0, 'the relay answered before the room was loaded');
    store.release();
    await waitFor(() => client.received.some(isStep2Frame) && client.received.length >= 3, 'answered after load');
    assert.ok(isStep1Frame(client.received[0]!), 'relay greets an editor with its own step 1 first');
    const text = textOfStep2(client.received);
    assert.ok(text.includes('stored before start') && text.includes('sent during load'));
  } finally {
    await harness.stop();
  }
});

test('a room holds a bounded queue while it loads; past it the sender is closed with 4503', async () => {
  const store = new HeldLoadStore();
  const harness = await startTestRelay({ maxQueuedMessagesPerRoom: 5 }, { store });
  try {
    const doc = docName();
    const patient = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const flooder = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await Promise.all([patient.opened, flooder.opened]);
    patient.ws.send(encodeUpdate(textUpdate('queued while loading')));
    await waitFor(async () => (await harness.relay.metrics.messagesIn.get()).values[0]?.value === 1, 'first message queued');
    for (let i = 0; i < 10; i++) flooder.ws.send(encodeSyncStep1(new Y.Doc()));
    assert.is((await flooder.closed).code, CloseCode.roomFull);
    store.release();
    await waitFor(() => patient.received.some((data) => readFrame(data).kind === 'sync' && textOfStep2([data]) !== ''), 'patient served');
    assert.is(textOfStep2(patient.received), 'queued while loading');
  } finally {
    await harness.stop();
  }
});

test('a failed load closes the sockets with 1011 and never writes', async () => {
  const dataDir = makeTempDir();
  const db = openDatabase(databasePath(dataDir));
  const store = new FailingLoadStore(db);
  const doc = docName();
  await store.append([{ doc, updates: [textUpdate('precious')] }]);
  const before = storedRows(dataDir, doc).map((row) => Buffer.from(row).toString('hex'));
  store.failing.add(doc);
  const harness = await startTestRelay({}, { store, dataDir });
  try {
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    client.ws.send(encodeSyncStep1(new Y.Doc()));
    client.ws.send(encodeUpdate(textUpdate('would overwrite')));
    assert.is((await client.closed).code, CloseCode.internalError);
    assert.equal(storedRows(dataDir, doc).map((row) => Buffer.from(row).toString('hex')), before);
    await waitFor(() => harness.relay.rooms.size === 0, 'failed room retired');

    store.failing.delete(doc);
    const retry = harness.raw(doc, TokenRoleGate.token('view', doc));
    await retry.opened;
    retry.ws.send(encodeSyncStep1(new Y.Doc()));
    await waitFor(() => retry.received.some(isStep2Frame), 'served after recovery');
    assert.is(textOfStep2(retry.received), 'precious');
  } finally {
    await harness.stop();
    db.close();
  }
});

test('an update whose commit fails is never broadcast; the room closes with 1011 and reloads', async () => {
  const store = new FailingAppendStore();
  const harness = await startTestRelay({}, { store });
  try {
    const doc = docName();
    const writer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const watcher = harness.raw(doc, TokenRoleGate.token('view', doc));
    await Promise.all([writer.opened, watcher.opened]);
    writer.ws.send(encodeUpdate(textUpdate('committed ')));
    await waitFor(() => watcher.received.length > 0, 'first update broadcast');
    store.failing = true;
    writer.ws.send(encodeUpdate(textUpdate('lost')));
    assert.is((await writer.closed).code, CloseCode.internalError);
    assert.is((await watcher.closed).code, CloseCode.internalError);
    assert.is(textOfStep2(watcher.received), 'committed ');
    assert.is(textOfStep2(writer.received), 'committed ');

    store.failing = false;
    const again = harness.raw(doc, TokenRoleGate.token('view', doc));
    await again.opened;
    again.ws.send(encodeSyncStep1(new Y.Doc()));
    await waitFor(() => again.received.some(isStep2Frame), 'served from the store');
    assert.is(textOfStep2(again.received), 'committed ');
  } finally {
    await harness.stop();
  }
});

function edit(doc: Y.Doc, i: number): void {
  const text = doc.getText('notes');
  text.insert(text.length, `line ${i}\n`);
  if (i % 3 === 0) text.delete(0, 4);
  doc.getArray('items').push([{ i }]);
}

test('compaction keeps the converged state and bounds stored bytes', async () => {
  const harness = await startTestRelay({ compactAfterRows: 1 });
  try {
    const doc = docName();
    const a = harness.provider(doc, 'edit');
    const b = harness.provider(doc, 'edit');
    await waitFor(() => a.synced && b.synced, 'synced');
    for (let i = 0; i < 60; i++) {
      edit(i % 2 ? a.doc : b.doc, i);
      if (i % 10 === 9) await waitFor(() => a.doc.getArray('items').length === i + 1 && b.doc.getArray('items').length === i + 1, `edit ${i}`);
    }
    await waitFor(() => storedRows(harness.dataDir, doc).length === 1, 'compacted to one row');
    const rows = storedRows(harness.dataDir, doc);
    const stored = docFromRows(rows);
    assert.is(stored.getText('notes').toString(), a.doc.getText('notes').toString());
    assert.equal(stored.getArray('items').toJSON(), a.doc.getArray('items').toJSON());
    const storedBytes = rows.reduce((sum, row) => sum + row.byteLength, 0);
    assert.ok(storedBytes <= 1.5 * Y.encodeStateAsUpdate(a.doc).byteLength, `stored ${storedBytes} bytes`);
    const compactions = (await harness.relay.metrics.compactions.get()).values[0]?.value ?? 0;
    assert.ok(compactions >= 1);

    await harness.restart();
    const fresh = harness.provider(doc, 'view');
    await waitFor(() => fresh.synced, 'fresh client synced after restart');
    assert.is(fresh.doc.getText('notes').toString(), a.doc.getText('notes').toString());
  } finally {
    await harness.stop();
  }
});

test('with a row threshold the log stays bounded and equals the live state', async () => {
  const harness = await startTestRelay({ compactAfterRows: 10 });
  try {
    const doc = docName();
    const a = harness.provider(doc, 'edit');
    await waitFor(() => a.synced, 'synced');
    for (let i = 0; i < 80; i++) {
      edit(a.doc, i);
      await waitFor(() => harness.relay.rooms.get(doc)?.doc.getArray('items').length === i + 1, `commit ${i}`);
    }
    const rows = storedRows(harness.dataDir, doc);
    assert.ok(rows.length <= 11, `${rows.length} rows`);
    assert.is(docFromRows(rows).getText('notes').toString(), a.doc.getText('notes').toString());
  } finally {
    await harness.stop();
  }
});

test('a room unloads after the grace period, and a quick return cancels the unload', async () => {
  const harness: TestRelay = await startTestRelay({ roomUnloadGraceMs: 20 });
  try {
    const doc = docName();
    const a = harness.provider(doc, 'edit');
    await waitFor(() => a.synced, 'synced');
    a.doc.getText('notes').insert(0, 'kept');
    await waitFor(() => storedRows(harness.dataDir, doc).length > 0, 'stored');
    a.disconnect();
    await waitFor(() => harness.relay.rooms.size === 0, 'room unloaded');
    assert.is((await harness.relay.metrics.rooms.get()).values[0]?.value, 0);
    const b = harness.provider(doc, 'view');
    await waitFor(() => b.synced, 'reloaded');
    assert.is(b.doc.getText('notes').toString(), 'kept');
  } finally {
    await harness.stop();
  }
  const slow = await startTestRelay({ roomUnloadGraceMs: 60_000 });
  try {
    const doc = docName();
    const a = slow.provider(doc, 'edit');
    await waitFor(() => a.synced, 'synced');
    const room = slow.relay.rooms.get(doc);
    a.disconnect();
    await waitFor(() => slow.relay.connectionCount() === 0, 'left');
    a.connect();
    await waitFor(() => a.synced, 'back');
    assert.is(slow.relay.rooms.get(doc), room);
    assert.is(room?.state, 'ready');
  } finally {
    await slow.stop();
  }
});

test.run();
