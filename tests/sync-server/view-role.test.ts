// The view role: a viewer is answered and hears every update, is never asked for its state, and
// any write it attempts closes it with 4403 and leaves document and store unchanged.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { encodeAwareness, encodeSyncStep1, encodeUpdate, MessageType } from '../../sync-server/relay/protocol/messages.ts';
import { encodeAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { isStep1Frame, isStep2Frame, isUpdateFrame, readFrame, storedRows, textUpdate } from './helpers/frames.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite<{ harness: TestRelay }>('view role');

test.before.each(async (ctx) => {
  ctx.harness = await startTestRelay();
});
test.after.each(async (ctx) => {
  await ctx.harness.stop();
});

function hexRows(harness: TestRelay, doc: string): string[] {
  return storedRows(harness.dataDir, doc).map((row) => Buffer.from(row).toString('hex'));
}

function step2Frame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

test('a viewer gets the document and updates but never a sync step 1', async ({ harness }) => {
  const doc = docName();
  const editor = harness.provider(doc, 'edit');
  await waitFor(() => editor.synced, 'editor synced');
  editor.doc.getText('notes').insert(0, 'agenda');
  const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
  await viewer.opened;
  viewer.ws.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => viewer.received.some(isStep2Frame), 'viewer answered');
  editor.doc.getText('notes').insert(6, ' live');
  await waitFor(() => viewer.received.some(isUpdateFrame), 'viewer hears updates');
  assert.not.ok(viewer.received.some(isStep1Frame), 'the relay asked a viewer for its state');
  const view = new Y.Doc();
  for (const data of viewer.received) {
    const frame = readFrame(data);
    if (frame.kind === 'sync') Y.applyUpdate(view, frame.payload);
  }
  assert.is(view.getText('notes').toString(), 'agenda live');
});

test('a crafted update or step 2 from a viewer closes it with 4403; nothing changes', async ({ harness }) => {
  const doc = docName();
  const editor = harness.provider(doc, 'edit');
  await waitFor(() => editor.synced, 'editor synced');
  editor.doc.getText('notes').insert(0, 'owned text');
  await waitFor(() => hexRows(harness, doc).length > 0, 'stored');
  const before = hexRows(harness, doc);

  for (const frame of [encodeUpdate(textUpdate('viewer write')), step2Frame(textUpdate('viewer step 2'))]) {
    const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
    await viewer.opened;
    viewer.ws.send(frame);
    assert.is((await viewer.closed).code, CloseCode.forbidden);
  }
  // A stock provider with the view role, editing locally, is closed the same way.
  const stockViewer = harness.provider(doc, 'view');
  await waitFor(() => stockViewer.synced, 'viewer synced');
  let closeCode = 0;
  stockViewer.on('connection-close', (event) => {
    closeCode = event?.code ?? -1;
  });
  stockViewer.doc.getText('notes').insert(0, 'nope ');
  await waitFor(() => closeCode !== 0, 'stock viewer closed');
  assert.is(closeCode, CloseCode.forbidden);

  assert.equal(hexRows(harness, doc), before);
  assert.is(editor.doc.getText('notes').toString(), 'owned text');
});

function awarenessFrames(received: readonly Uint8Array[]): string[] {
  return received.flatMap((data) => {
    const frame = readFrame(data);
    return frame.kind === 'awareness' && frame.payload.length > 1 ? [new TextDecoder().decode(frame.payload)] : [];
  });
}

function awarenessOf(name: string): Uint8Array {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name } });
  const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  return encodeAwareness(update);
}

const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

test('viewer awareness is not broadcast, while the viewer sees the editors', async ({ harness }) => {
  const doc = docName();
  const editor = harness.raw(doc, TokenRoleGate.token('edit', doc));
  await editor.opened;
  editor.ws.send(awarenessOf('Ed'));
  await waitFor(() => awarenessFrames(editor.received).length === 1, 'editor state echoed');

  const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
  await viewer.opened;
  viewer.ws.send(awarenessOf('Vi'));
  viewer.ws.send(QUERY_AWARENESS);
  // Greeting (the editor's state) then the answer to the query, which comes after the relay
  // handled the viewer's own awareness message.
  await waitFor(() => awarenessFrames(viewer.received).length === 2, 'viewer greeted and answered');
  editor.ws.send(QUERY_AWARENESS);
  await waitFor(() => awarenessFrames(editor.received).length === 2, 'editor answered');

  for (const frame of [...awarenessFrames(viewer.received), ...awarenessFrames(editor.received)]) {
    assert.ok(frame.includes('"Ed"'));
    assert.not.ok(frame.includes('"Vi"'), 'viewer awareness was broadcast');
  }
  assert.is(viewer.ws.readyState, viewer.ws.OPEN);
});

test('with viewerAwareness on, a viewer is seen by the editors', async () => {
  const harness = await startTestRelay({ viewerAwareness: true });
  try {
    const doc = docName();
    const editor = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
    await Promise.all([editor.opened, viewer.opened]);
    viewer.ws.send(awarenessOf('Vi'));
    await waitFor(() => awarenessFrames(editor.received).some((frame) => frame.includes('"Vi"')), 'editor sees the viewer');
  } finally {
    await harness.stop();
  }
});

test.run();
