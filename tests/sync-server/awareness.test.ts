// Relay presence memory: a socket owns at most a few client ids, foreign and surplus entries are
// dropped before y-protocols remembers them, and removed or departed ids leave no meta entry
// behind (stock clients coming and going: stock-client.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as encoding from 'lib0/encoding';
import { MAX_IDS_PER_CONNECTION } from '../../sync-server/relay/rooms/room-awareness.ts';
import { encodeAwareness } from '../../sync-server/relay/protocol/messages.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('relay awareness memory');

/** One awareness frame naming `count` client ids from `first`, all with the given state. */
function frame(first: number, count: number, state: string, clock = 1): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, count);
  for (let id = first; id < first + count; id++) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encodeAwareness(encoding.toUint8Array(e));
}

function metaSize(harness: TestRelay, doc: string): number {
  const room = harness.relay.rooms.get(doc);
  if (!room) throw new Error('room not loaded');
  return room.awareness.metaSize;
}

async function overCapFrames(harness: TestRelay): Promise<number> {
  const { values } = await harness.relay.metrics.rejectedFrames.get();
  return values.find((v) => v.labels.reason === 'awareness_over_cap')?.value ?? 0;
}

test('a socket announcing thousands of client ids leaves the room with a bounded meta table', async () => {
  const harness = await startTestRelay();
  try {
    const doc = docName();
    const keeper = harness.raw(doc, TokenRoleGate.token('view', doc));
    await keeper.opened;
    let next = 1;
    for (let round = 0; round < 3; round++) {
      const sender = harness.raw(doc, TokenRoleGate.token('edit', doc));
      await sender.opened;
      for (let i = 0; i < 3; i++) {
        sender.ws.send(frame(next, 5_000, 'null'));
        next += 5_000;
        sender.ws.send(frame(next, 5_000, '{"user":"x"}'));
        next += 5_000;
      }
      const probe = harness.raw(doc, TokenRoleGate.token('edit', doc));
      await probe.opened;
      // The probe's answer comes after everything the sender queued before it.
      probe.ws.send(new Uint8Array([3]));
      await waitFor(() => probe.received.some((d) => d[0] === 1 && d.length > 2), 'query answered');
      assert.ok(metaSize(harness, doc) <= 1 + MAX_IDS_PER_CONNECTION, `meta entries while connected: ${metaSize(harness, doc)}`);
      sender.ws.close();
      await sender.closed;
      probe.ws.close();
      await probe.closed;
    }
    await waitFor(() => metaSize(harness, doc) === 1, 'only the relay itself is remembered once the senders left');
    assert.ok((await overCapFrames(harness)) >= 3, 'dropped entries are counted');
  } finally {
    await harness.stop();
  }
});

test('the full answer (to a query, and to a socket joining) is encoded once and follows every change', async () => {
  const harness = await startTestRelay();
  try {
    const doc = docName();
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    const room = () => harness.relay.rooms.get(doc)!;
    const holds = (text: string) => Buffer.from(room().awareness.answer()).includes(text);
    client.ws.send(frame(7001, 1, JSON.stringify({ user: { name: 'first name' } })));
    await waitFor(() => holds('first name'), 'the state is in the answer');
    assert.is(room().awareness.answer(), room().awareness.answer(), 'encoded once while nothing changes');
    client.ws.send(frame(7001, 1, JSON.stringify({ user: { name: 'second name' } }), 2));
    await waitFor(() => holds('second name'), 'the changed state is in the answer');
    assert.not.ok(holds('first name'));
    const joiner = harness.raw(doc, TokenRoleGate.token('view', doc));
    await waitFor(() => joiner.received.some((f) => Buffer.from(f).includes('second name')), 'a joiner is greeted with the change');
  } finally {
    await harness.stop();
  }
});

test.run();
