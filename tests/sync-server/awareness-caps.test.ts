// Presence memory caps, with real sockets: one state over maxAwarenessStateBytes closes its
// socket with 4431 and is never held or relayed; a room's states together stay under
// maxAwarenessBytesPerRoom; sockets that leave take every state (and byte) they held with them;
// one address holds at most maxSocketsPerIp sockets (others are not affected). Each cap is also
// settable from the environment.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { CloseCode } from '../../wire/close-codes.ts';
import { ConfigError } from '../../sync-server/config.ts';
import { configFromEnvironment } from '../../sync-server/env.ts';
import { encodeAwareness, MessageType } from '../../sync-server/relay/protocol/messages.ts';
import { docName, waitFor, withTestRelay, type RawClient, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('awareness and socket caps');
const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

/** An awareness frame giving each client id a state of about `bytes` bytes. */
function statesFrame(ids: readonly number[], bytes: number, clock = 1): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, ids.length);
  for (const id of ids) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify({ user: { name: `u${id}`, pad: 'p'.repeat(bytes - 40) } }));
  }
  return encodeAwareness(encoding.toUint8Array(e));
}

function room(harness: TestRelay, doc: string) {
  const loaded = harness.relay.rooms.get(doc);
  if (!loaded) throw new Error('room not loaded');
  return loaded.awareness;
}

async function rejected(harness: TestRelay, reason: string): Promise<number> {
  const { values } = await harness.relay.metrics.rejectedFrames.get();
  return values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

/** A query answered means everything the socket sent before it has been handled. */
async function settle(client: RawClient): Promise<void> {
  const before = client.received.length;
  client.ws.send(QUERY_AWARENESS);
  await waitFor(() => client.received.length > before, 'query-awareness answered');
}

test('a state over maxAwarenessStateBytes closes its socket with 4431 and is never relayed', () =>
  withTestRelay({ maxAwarenessStateBytes: 4 * 1024 }, async (harness) => {
    const doc = docName();
    const observer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const sender = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await Promise.all([observer.opened, sender.opened]);
    sender.ws.send(statesFrame([7], 4 * 1024 - 100));
    await settle(observer);
    await waitFor(() => room(harness, doc).stateCount === 1, 'a state under the cap is held');
    sender.ws.send(statesFrame([7], 5 * 1024, 2));
    assert.is((await sender.closed).code, CloseCode.awarenessTooLarge);
    await settle(observer);
    assert.is(room(harness, doc).stateCount, 0, 'the refused socket left its states behind');
    assert.is(room(harness, doc).totalBytes, 0);
    assert.not.ok(observer.received.some((d) => d.byteLength > 5 * 1024), 'the oversized state was relayed');
    assert.is(await rejected(harness, 'awareness_too_large'), 1);
  }));

test('the states of one room stay under maxAwarenessBytesPerRoom', () =>
  withTestRelay({ maxAwarenessStateBytes: 4 * 1024, maxAwarenessBytesPerRoom: 10 * 1024 }, async (harness) => {
    const doc = docName();
    const senders = Array.from({ length: 4 }, () => harness.raw(doc, TokenRoleGate.token('edit', doc)));
    await Promise.all(senders.map((s) => s.opened));
    for (const [i, sender] of senders.entries()) {
      sender.ws.send(statesFrame([100 + i], 3 * 1024));
      await settle(sender);
    }
    assert.is(room(harness, doc).stateCount, 3);
    assert.ok(room(harness, doc).totalBytes <= 10 * 1024, `held ${room(harness, doc).totalBytes} bytes`);
    assert.is(await rejected(harness, 'awareness_over_cap'), 1);
    // Room again once someone leaves: the fourth is held when it announces itself next.
    senders[0]!.ws.close();
    await waitFor(() => room(harness, doc).stateCount === 2, 'the first sender left');
    senders[3]!.ws.send(statesFrame([103], 3 * 1024, 2));
    await settle(senders[3]!);
    assert.is(room(harness, doc).stateCount, 3);
  }));

test('sockets that leave free every state and byte they held', () =>
  withTestRelay({ maxAwarenessStateBytes: 64 * 1024, maxAwarenessBytesPerRoom: 8 * 1024 * 1024 }, async (harness) => {
    const doc = docName();
    const keeper = harness.raw(doc, TokenRoleGate.token('view', doc));
    await keeper.opened;
    const senders = Array.from({ length: 10 }, () => harness.raw(doc, TokenRoleGate.token('edit', doc)));
    await Promise.all(senders.map((s) => s.opened));
    for (const [i, sender] of senders.entries()) {
      sender.ws.send(statesFrame([1000 + 4 * i, 1001 + 4 * i, 1002 + 4 * i, 1003 + 4 * i], 60 * 1024));
      await settle(sender);
    }
    const held = room(harness, doc);
    assert.is(held.stateCount, 40);
    assert.ok(held.totalBytes >= 40 * 60 * 1024 - 40 * 100, `held ${held.totalBytes} bytes`);
    for (const sender of senders) sender.ws.close();
    await Promise.all(senders.map((s) => s.closed));
    await waitFor(() => held.stateCount === 0, 'every state removed');
    assert.is(held.totalBytes, 0);
    assert.is(held.metaSize, 1, 'only the relay itself is remembered');
  }));

function openFrom(harness: TestRelay, doc: string, localAddress: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${harness.relay.url}/${doc}?token=${encodeURIComponent(TokenRoleGate.token('edit', doc))}`, { localAddress });
    ws.on('open', () => resolve('open'));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
    sockets.push(ws);
  });
}
const sockets: WebSocket[] = [];

test('one address holds at most maxSocketsPerIp open sockets; other addresses are not affected', () =>
  withTestRelay({ maxSocketsPerIp: 3, connectionsPerSecondPerIp: 1e9, connectionBurstPerIp: 1e9 }, async (harness) => {
    const doc = docName();
    try {
      const first = await Promise.all([1, 2, 3].map(() => openFrom(harness, doc, '127.1.0.1')));
      assert.equal(first, ['open', 'open', 'open']);
      assert.is(await openFrom(harness, doc, '127.1.0.1'), 429);
      assert.is(await openFrom(harness, doc, '127.1.0.2'), 'open');
      sockets[0]!.close();
      await waitFor(() => harness.relay.connectionCount() === 3, 'the closed socket is gone');
      assert.is(await openFrom(harness, doc, '127.1.0.1'), 'open');
    } finally {
      for (const ws of sockets.splice(0)) ws.terminate();
    }
  }));

test('every cap can be set from the environment', () => {
  const env = { LTM_MAX_SOCKETS_PER_IP: '7', LTM_MAX_AWARENESS_STATE_BYTES: '2048', LTM_MAX_AWARENESS_BYTES_PER_ROOM: '65536' };
  const overrides = configFromEnvironment([], env);
  assert.is(overrides.maxSocketsPerIp, 7);
  assert.is(overrides.maxAwarenessStateBytes, 2048);
  assert.is(overrides.maxAwarenessBytesPerRoom, 65536);
  assert.throws(() => configFromEnvironment([], { LTM_MAX_SOCKETS_PER_IP: 'many' }), (e: unknown) => e instanceof ConfigError && /LTM_MAX_SOCKETS_PER_IP/.test(String(e)));
});

test.run();
