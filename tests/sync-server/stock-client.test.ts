// Compatibility contract: unmodified y-websocket providers sync text, map, array and awareness
// through the relay, and resync after the relay restarts on the same port and data dir. Transient
// refusals (45xx) must not stop a stock client for good.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { docFromRows, storedRows } from './helpers/frames.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';

const test = suite<{ harness: TestRelay }>('stock y-websocket client');

test.before.each(async (ctx) => {
  ctx.harness = await startTestRelay();
});

test.after.each(async (ctx) => {
  await ctx.harness.stop();
});

function snapshot(doc: Y.Doc) {
  return {
    text: doc.getText('notes').toString(),
    map: Object.fromEntries([...doc.getMap('meta').entries()].sort(([x], [y]) => x.localeCompare(y))),
    array: doc.getArray('items').toJSON(),
  };
}

test('two providers converge on text, map and array edits, see each other, and see one leave', async ({ harness }) => {
  const doc = docName();
  const a = harness.provider(doc, 'edit');
  const b = harness.provider(doc, 'owner');
  await waitFor(() => a.synced && b.synced, 'both synced');

  a.doc.getText('notes').insert(0, 'hello ');
  b.doc.getMap('meta').set('title', 'Weekly');
  a.doc.getArray('items').push(['agenda item 1']);
  b.doc.getText('notes').insert(0, 'world ');
  b.doc.getArray('items').push(['agenda item 2']);
  a.doc.getMap('meta').set('scheduledFor', 1700000000000);

  await waitFor(() => JSON.stringify(snapshot(a.doc)) === JSON.stringify(snapshot(b.doc)), 'converged');
  const state = snapshot(a.doc);
  assert.is(state.text.length, 'hello world '.length);
  assert.equal(state.map, { title: 'Weekly', scheduledFor: 1700000000000 });
  assert.is(state.array.length, 2);

  a.awareness.setLocalStateField('user', { name: 'Ada' });
  b.awareness.setLocalStateField('user', { name: 'Bo' });
  await waitFor(
    () => a.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Bo'
      && b.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
    'awareness both ways',
  );
  // The relay keeps a meta entry per present client id (and its own) and none once one leaves.
  const room = harness.relay.rooms.get(doc)!;
  assert.is(room.awareness.metaSize, 3);
  b.awareness.destroy();
  b.destroy();
  await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'b removed for a');
  await waitFor(() => room.awareness.metaSize === 2, "b's meta entry pruned");
});

test('after the relay restarts both clients resync, including edits made while it was down', async ({ harness }) => {
  const doc = docName();
  const a = harness.provider(doc, 'edit');
  const b = harness.provider(doc, 'edit');
  await waitFor(() => a.synced && b.synced, 'both synced');
  a.doc.getText('notes').insert(0, 'before restart');
  await waitFor(() => b.doc.getText('notes').toString() === 'before restart', 'b has first edit');

  await harness.relay.close();
  await waitFor(() => !a.wsconnected && !b.wsconnected, 'both see the relay gone');
  a.doc.getArray('items').push(['offline from a']);
  b.doc.getMap('meta').set('offline', 'from b');

  await harness.restart();
  await waitFor(() => a.synced && b.synced, 'both resynced');
  await waitFor(() => JSON.stringify(snapshot(a.doc)) === JSON.stringify(snapshot(b.doc)), 'converged after restart');
  assert.equal(snapshot(a.doc).array, ['offline from a']);
  assert.equal(snapshot(b.doc).map, { offline: 'from b' });
  assert.is(snapshot(b.doc).text, 'before restart');
});

test('a client typing right after a reconnect, on top of offline edits, is never closed and converges', async ({ harness }) => {
  const doc = docName();
  const a = harness.provider(doc, 'edit');
  await waitFor(() => a.synced, 'a synced');
  a.doc.getText('notes').insert(0, 'online ');
  await waitFor(() => storedRows(harness.dataDir, doc).length > 0, 'online edit stored');
  a.disconnect();
  a.doc.getText('notes').insert(0, 'offline ');
  const closes: number[] = [];
  a.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  // Typed the moment the socket opens: sent before a's sync step 2, it depends on the offline edit.
  let typed = false;
  a.on('status', ({ status }) => {
    if (status === 'connected' && !typed) {
      typed = true;
      a.doc.getText('notes').insert(0, 'k');
    }
  });
  a.connect();
  await waitFor(() => typed && a.synced, 'a resynced');
  const b = harness.provider(doc, 'edit');
  await waitFor(() => b.synced && b.doc.getText('notes').toString() === 'koffline online ', 'b has every edit');
  assert.equal(closes, [], 'a was never closed');
  await waitFor(() => docFromRows(storedRows(harness.dataDir, doc)).getText('notes').toString() === 'koffline online ', 'the store has every edit');
  assert.not.ok(harness.logs.some((line) => line.includes('update rejected')), 'no update was rejected');
});

test.run();

const refusals = suite('stock client after a transient refusal');

refusals('a stock client refused because the room is full reconnects and syncs once there is room', async () => {
  const harness = await startTestRelay({ maxConnectionsPerRoom: 1 });
  try {
    const doc = docName();
    const a = harness.provider(doc, 'edit');
    await waitFor(() => a.synced, 'a synced');
    a.doc.getText('notes').insert(0, 'from a');
    const b = harness.provider(doc, 'edit');
    const closes: number[] = [];
    b.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    await waitFor(() => closes.includes(CloseCode.roomFull), 'b refused: room full');
    a.awareness.destroy();
    a.destroy();
    await waitFor(() => b.synced, 'b synced once the room had space');
    assert.ok(b.shouldConnect, 'b still wants to connect');
    await waitFor(() => b.doc.getText('notes').toString() === 'from a', 'b has the document');
  } finally {
    await harness.stop();
  }
});

refusals.run();
