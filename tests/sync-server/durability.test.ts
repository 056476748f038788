// Write-through: an update is committed to SQLite before anyone (its sender included) hears of
// it, and an update that cannot be decoded or applied is refused with 1007 and never stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { encodeSyncStep1, encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { docFromRows, isStep2Frame, readFrame, isUpdateFrame, storedRows, textUpdate } from './helpers/frames.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite<{ harness: TestRelay }>('write-through durability');

test.before.each(async (ctx) => {
  ctx.harness = await startTestRelay();
});
test.after.each(async (ctx) => {
  await ctx.harness.stop();
});

test('an update echoed back to its sender is already in the SQLite file at that moment', async ({ harness }) => {
  const doc = docName();
  const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
  await client.opened;
  const textsAtEcho: string[] = [];
  client.ws.on('message', (data: Buffer) => {
    // Runs synchronously on arrival: nothing else can happen between the echo and this read.
    if (isUpdateFrame(new Uint8Array(data))) {
      textsAtEcho.push(docFromRows(storedRows(harness.dataDir, doc)).getText('notes').toString());
    }
  });
  for (let i = 0; i < 5; i++) client.ws.send(encodeUpdate(textUpdate(`edit ${i};`)));
  await waitFor(() => textsAtEcho.length >= 1 && textsAtEcho.join('').includes('edit 4;'), 'echo of the last edit');
  for (const text of textsAtEcho) assert.ok(text.length > 0, 'store was empty when an echo arrived');
  const final = docFromRows(storedRows(harness.dataDir, doc)).getText('notes').toString();
  for (let i = 0; i < 5; i++) assert.ok(final.includes(`edit ${i};`));
});

test('a stock client edit is stored before the other client receives it', async ({ harness }) => {
  const doc = docName();
  const a = harness.provider(doc, 'edit');
  const b = harness.provider(doc, 'edit');
  await waitFor(() => a.synced && b.synced, 'synced');
  const storedWhenSeen: string[] = [];
  b.doc.on('update', () => {
    storedWhenSeen.push(docFromRows(storedRows(harness.dataDir, doc)).getText('notes').toString());
  });
  a.doc.getText('notes').insert(0, 'durable');
  await waitFor(() => b.doc.getText('notes').toString() === 'durable', 'b received');
  assert.ok(storedWhenSeen.length > 0);
  assert.ok(storedWhenSeen.every((text) => text === 'durable'));
});

test('malformed frames and corrupt updates close with 1007 and store nothing; an update waiting for its dependency stores nothing either', async ({ harness }) => {
  const doc = docName();
  const good = harness.raw(doc, TokenRoleGate.token('edit', doc));
  await good.opened;
  good.ws.send(encodeUpdate(textUpdate('real data')));
  await waitFor(() => good.received.some(isUpdateFrame), 'real data committed');
  const before = storedRows(harness.dataDir, doc).map((row) => Buffer.from(row).toString('hex'));

  const source = new Y.Doc();
  source.getText('notes').insert(0, 'first');
  const first = Y.encodeStateAsUpdate(source);
  source.getText('notes').insert(5, ' second');
  const onlySecond = Y.encodeStateAsUpdate(source, Y.encodeStateVectorFromUpdate(first));
  const corrupt = textUpdate('x'.repeat(40));
  corrupt[corrupt.length - 3] = corrupt[corrupt.length - 3]! ^ 0xff;
  corrupt[3] = 0xff;

  const frames: { name: string; frame: Uint8Array }[] = [
    { name: 'unknown message type', frame: new Uint8Array([9, 1, 2]) },
    { name: 'truncated sync update', frame: new Uint8Array([0, 2, 50, 1, 2, 3]) },
    { name: 'unknown sync type', frame: new Uint8Array([0, 7, 1, 0]) },
    { name: 'trailing bytes', frame: new Uint8Array([...encodeUpdate(textUpdate('t')), 1, 2]) },
    { name: 'garbage Yjs update', frame: encodeUpdate(new Uint8Array([1, 200, 3, 4, 5, 6, 7, 8])) },
    { name: 'mutated Yjs update', frame: encodeUpdate(corrupt) },
  ];
  for (const { name, frame } of frames) {
    const bad = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await bad.opened;
    bad.ws.send(frame);
    const { code } = await bad.closed;
    assert.is(code, CloseCode.malformedData, name);
  }

  // Held, not refused: the answer to a later step 1 shows it was handled and the socket is open.
  const waiting = harness.raw(doc, TokenRoleGate.token('edit', doc));
  await waiting.opened;
  waiting.ws.send(encodeUpdate(onlySecond));
  waiting.ws.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => waiting.received.some(isStep2Frame), 'waiting socket answered');
  assert.is(waiting.ws.readyState, waiting.ws.OPEN);

  const after = storedRows(harness.dataDir, doc).map((row) => Buffer.from(row).toString('hex'));
  assert.equal(after, before);
  // The room still serves the real state, without a trace of the refused updates.
  const check = harness.raw(doc, TokenRoleGate.token('view', doc));
  await check.opened;
  check.ws.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => check.received.some(isStep2Frame), 'step 2');
  const probe = new Y.Doc();
  good.ws.close();
  const step2 = readFrame(check.received.find(isStep2Frame)!);
  assert.is(step2.kind, 'sync');
  if (step2.kind === 'sync') Y.applyUpdate(probe, step2.payload);
  assert.is(probe.getText('notes').toString(), 'real data');
});

test.run();
