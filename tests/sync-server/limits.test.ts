// Limits and refusals: oversized frames (4413), full rooms (4503), message and step 1 floods (4529), per-IP
// connection floods (HTTP 429 on the upgrade), slow readers (4508), and the named refusals of
// the upgrade itself (missing token 4401, bad document name 4400, another document's token 4403,
// revoked token 4401).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import net from 'node:net';
import WebSocket from 'ws';
import { CloseCode } from '../../wire/close-codes.ts';
import { defaults } from '../../sync-server/config.ts';
import { encodeSyncStep1, encodeUpdate, MessageType } from '../../sync-server/relay/protocol/messages.ts';
import { isStep2Frame, isUpdateFrame, storedRows } from './helpers/frames.ts';
import { docName, waitFor, withTestRelay, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

async function slowConsumerCloses(harness: TestRelay): Promise<number> {
  const { values } = await harness.relay.metrics.refusedConnections.get();
  return values.find((v) => v.labels.code === String(CloseCode.slowConsumer))?.value ?? 0;
}

const test = suite('limits');

test('a frame over maxMessageBytes closes with 4413 and is not stored', () =>
  withTestRelay({ maxMessageBytes: 64 * 1024 }, async (harness) => {
    const doc = docName();
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    const big = new Y.Doc();
    big.getText('notes').insert(0, 'x'.repeat(100 * 1024));
    client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(big)));
    assert.is((await client.closed).code, CloseCode.tooLarge);
    assert.is(storedRows(harness.dataDir, doc).length, 0);
    const metrics = await harness.relay.metrics.registry.metrics();
    assert.match(metrics, /ltm_rejected_frames_total\{reason="too_large"\} 1/);
  }));

test('a room at maxConnectionsPerRoom refuses the next socket with 4503', () =>
  withTestRelay({ maxConnectionsPerRoom: 2 }, async (harness) => {
    const doc = docName();
    const first = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const second = harness.raw(doc, TokenRoleGate.token('view', doc));
    await Promise.all([first.opened, second.opened]);
    const third = harness.raw(doc, TokenRoleGate.token('edit', doc));
    assert.is((await third.closed).code, CloseCode.roomFull);
    assert.is(first.ws.readyState, WebSocket.OPEN);
    // Another room is unaffected.
    const other = docName();
    const elsewhere = harness.raw(other, TokenRoleGate.token('edit', other));
    await elsewhere.opened;
  }));

test('a connection over its message rate is closed with 4529', () =>
  withTestRelay({ messagesPerSecond: 1, messageBurst: 5 }, async (harness) => {
    const doc = docName();
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    const empty = encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < 50; i++) client.ws.send(empty);
    assert.is((await client.closed).code, CloseCode.rateLimited);
    const metrics = await harness.relay.metrics.registry.metrics();
    assert.match(metrics, /ltm_rejected_frames_total\{reason="message_rate"\} 1/);
  }));

test('a flood of awareness queries gets at most the step 1 budget in answers, then closes with 4529', () =>
  withTestRelay({}, async (harness) => {
    const doc = docName();
    const present = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await present.opened;
    const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
    await viewer.opened;
    const isAwareness = (frame: Uint8Array) => frame[0] === MessageType.awareness;
    const before = viewer.received.filter(isAwareness).length;
    for (let i = 0; i < 60; i++) viewer.ws.send(QUERY_AWARENESS);
    assert.is((await viewer.closed).code, CloseCode.rateLimited);
    const answers = viewer.received.filter(isAwareness).length - before;
    assert.ok(answers <= defaults.step1Burst, `answered ${answers} of 60 queries`);
    const metrics = await harness.relay.metrics.registry.metrics();
    assert.match(metrics, /ltm_rejected_frames_total\{reason="awareness_query_rate"\} 1/);
    assert.ok(harness.logs.some((line) => line.includes('too many awareness queries')), 'logged');
    assert.is(present.ws.readyState, WebSocket.OPEN, 'others are not affected');
  }));

test('a connection over its byte rate is closed with 4529', () =>
  withTestRelay({ bytesPerSecond: 1024, byteBurst: 16 * 1024, maxMessageBytes: 16 * 1024 }, async (harness) => {
    const doc = docName();
    const client = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await client.opened;
    for (let i = 0; i < 10; i++) client.ws.send(encodeUpdate(new Uint8Array(8 * 1024)));
    assert.is((await client.closed).code, CloseCode.rateLimited);
  }));

test('a flood of sync step 1s costs at most the step 1 budget in document encodes, then closes with 4529', () =>
  withTestRelay({}, async (harness) => {
    const doc = docName();
    const writer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await writer.opened;
    const source = new Y.Doc();
    source.getText('notes').insert(0, 'x'.repeat(100_000));
    writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(source)));
    await waitFor(() => writer.received.some(isUpdateFrame), 'document stored');
    const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
    await viewer.opened;
    const step1 = encodeSyncStep1(new Y.Doc());
    viewer.ws.send(step1);
    await waitFor(() => viewer.received.some(isStep2Frame), 'a single step 1 is answered');
    for (let i = 0; i < 300; i++) viewer.ws.send(step1);
    assert.is((await viewer.closed).code, CloseCode.rateLimited);
    const answers = viewer.received.filter(isStep2Frame).length;
    assert.ok(answers <= defaults.step1Burst, `answered ${answers} of 301 step 1s`);
    const metrics = await harness.relay.metrics.registry.metrics();
    assert.match(metrics, /ltm_rejected_frames_total\{reason="step1_rate"\} 1/);
  }));

test('a connection flood from one IP is limited by the socket address, not X-Forwarded-For', () =>
  withTestRelay({ connectionsPerSecondPerIp: 0.001, connectionBurstPerIp: 5 }, async (harness) => {
    const doc = docName();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Promise<string>((resolve) => {
        const ws = new WebSocket(`${harness.relay.url}/${doc}?token=${encodeURIComponent(TokenRoleGate.token('edit', doc))}`, {
          headers: { 'x-forwarded-for': `10.0.0.${i}` },
        });
        ws.on('open', () => {
          resolve('open');
          ws.terminate();
        });
        ws.on('unexpected-response', (_req, res) => {
          resolve(String(res.statusCode));
          ws.terminate();
        });
        ws.on('error', () => {});
      })),
    );
    assert.is(outcomes.filter((o) => o === 'open').length, 5);
    assert.is(outcomes.filter((o) => o === '429').length, 7);
  }));

test('a client that stops reading is closed with 4508 once its send buffer passes the bound', () =>
  withTestRelay({ sendBufferBytes: 256 * 1024, bytesPerSecond: 64 * 1024 * 1024, byteBurst: 64 * 1024 * 1024, messagesPerSecond: 10_000, messageBurst: 10_000 }, async (harness) => {
    const doc = docName();
    const slow = harness.raw(doc, TokenRoleGate.token('view', doc));
    const writer = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await Promise.all([slow.opened, writer.opened]);
    // The slow client's socket stops reading: the kernel buffers fill, then the relay's buffer.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    let slowClosed = false;
    void slow.closed.then(() => (slowClosed = true));
    const source = new Y.Doc();
    let echoes = 0;
    writer.ws.on('message', (data: Buffer) => {
      if (isUpdateFrame(new Uint8Array(data))) echoes++;
    });
    const limit = Date.now() + 20_000;
    for (let i = 0; i < 400 && Date.now() < limit; i++) {
      const before = Y.encodeStateVector(source);
      source.getText('notes').insert(0, `${i}`.padEnd(256 * 1024, '.'));
      writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(source, before)));
      await waitFor(() => echoes > i, `echo ${i}`);
      if ((await slowConsumerCloses(harness)) > 0) break;
    }
    assert.is(await slowConsumerCloses(harness), 1, 'the slow reader was not closed');
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    assert.is((await slow.closed).code, CloseCode.slowConsumer);
    assert.ok(slowClosed);
    assert.is(writer.ws.readyState, WebSocket.OPEN);
  }));

test('upgrade refusals carry named close codes', () =>
  withTestRelay({}, async (harness) => {
    const doc = docName();
    const noToken = harness.raw(doc, null);
    assert.is((await noToken.closed).code, CloseCode.unauthenticated);
    const badName = harness.raw('meeting/short', TokenRoleGate.token('edit', 'meeting/short'));
    assert.is((await badName.closed).code, CloseCode.badRequest);
    const otherDoc = harness.raw(doc, TokenRoleGate.token('edit', docName()));
    assert.is((await otherDoc.closed).code, CloseCode.forbidden);
    const forged = harness.raw(doc, 'admin~forged');
    assert.is((await forged.closed).code, CloseCode.unauthenticated);

    const token = TokenRoleGate.token('edit', doc);
    const revoked = harness.raw(doc, token);
    await revoked.opened;
    await waitFor(() => harness.relay.connectionCount() === 1, 'joined');
    harness.gate.revoke(token);
    assert.is((await revoked.closed).code, CloseCode.unauthenticated);
  }));

test('an upgrade request that never completes is cut at the auth deadline', () =>
  withTestRelay({ authDeadlineMs: 200 }, async (harness) => {
    const socket = net.connect(harness.relay.port, '127.0.0.1');
    let closed = false;
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /sync/${docName()} HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n`);
    await waitFor(() => closed, 'socket cut at the deadline');
    assert.match(response, /^HTTP\/1\.1 408/);
  }));

test.run();
