// Updates that arrive before the data they depend on: the writer is not closed, nothing of them
// is stored until their dependencies arrive (from any socket), and a socket holding too many is
// closed with the transient 4529.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { MAX_HELD_UPDATES_PER_CONNECTION } from '../../sync-server/relay/rooms/room-writes.ts';
import { docFromRows, isUpdateFrame, storedRows } from './helpers/frames.ts';
import { docName, startTestRelay, waitFor } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('held updates');

/** A base update and `count` later single-character edits, each depending on the one before. */
function chain(count: number): { base: Uint8Array; edits: Uint8Array[] } {
  const source = new Y.Doc();
  source.getText('notes').insert(0, 'base');
  const base = Y.encodeStateAsUpdate(source);
  const edits: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(source);
    source.getText('notes').insert(0, String(i % 10));
    edits.push(Y.encodeStateAsUpdate(source, before));
  }
  return { base, edits };
}

const storedText = (dataDir: string, doc: string) => docFromRows(storedRows(dataDir, doc)).getText('notes').toString();

test('a waiting update is held, not stored, and applied once another socket brings its dependency', async () => {
  const harness = await startTestRelay();
  try {
    const doc = docName();
    const early = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const late = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await Promise.all([early.opened, late.opened]);
    const { base, edits } = chain(2);
    early.ws.send(encodeUpdate(edits[1]!));
    early.ws.send(encodeUpdate(edits[0]!));
    // A marker update from the same socket: once it is stored, the two before it were handled.
    const marker = new Y.Doc();
    marker.getMap('m').set('marker', 1);
    early.ws.send(encodeUpdate(Y.encodeStateAsUpdate(marker)));
    await waitFor(() => storedRows(harness.dataDir, doc).length === 1, 'marker stored');
    assert.is(storedText(harness.dataDir, doc), '', 'nothing of the waiting updates is stored');
    late.ws.send(encodeUpdate(base));
    await waitFor(() => storedText(harness.dataDir, doc) === '10base', 'held updates applied after their dependency');
    await waitFor(() => early.received.filter(isUpdateFrame).length >= 2, 'early hears the broadcasts');
    assert.is(early.ws.readyState, early.ws.OPEN, 'the early writer stays connected');
  } finally {
    await harness.stop();
  }
});

test(`a socket holding more than ${MAX_HELD_UPDATES_PER_CONNECTION} waiting updates is closed with 4529; nothing is stored`, async () => {
  const harness = await startTestRelay();
  try {
    const doc = docName();
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    const { edits } = chain(MAX_HELD_UPDATES_PER_CONNECTION + 1);
    for (const edit of edits) client.ws.send(encodeUpdate(edit));
    assert.is((await client.closed).code, CloseCode.rateLimited);
    assert.is(storedRows(harness.dataDir, doc).length, 0);
    const metrics = await harness.relay.metrics.registry.metrics();
    assert.match(metrics, /ltm_rejected_frames_total\{reason="held_updates_full"\} 1/);
  } finally {
    await harness.stop();
  }
});

test.run();
