// One address may hold only maxConnectionsPerIp TCP connections open at once: a slowloris client
// that keeps connections half-sent gets the next one dropped unanswered (logged once), while its
// held ones still work; a slot comes back when one closes; a trusted proxy is not counted.
import net from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestRelay, waitFor, type TestRelay } from '../../helpers/relay-harness.ts';

const test = suite('connections per IP');

const HEALTH = 'GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n';
const CAP = { maxConnectionsPerIp: 3, maxSocketsPerIp: 2, authDeadlineMs: 60_000 } as const;

interface Held {
  readonly socket: net.Socket;
  /** Everything the relay sent, once the connection is gone. */
  readonly answer: Promise<string>;
}

/** A raw TCP connection to the relay that sends `text` once connected. */
function connect(harness: TestRelay, text: string): Promise<Held> {
  return new Promise((resolve) => {
    const socket = net.connect(harness.relay.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    const answer = new Promise<string>((done) => socket.once('close', () => done(Buffer.concat(chunks).toString('latin1'))));
    socket.once('connect', () => {
      socket.write(text);
      resolve({ socket, answer });
    });
  });
}

const answered = (text: string) => text.startsWith('HTTP/1.1 200');
const dropLines = (harness: TestRelay) => harness.logs.filter((line) => line.includes('too many open from one address'));

test('past the cap a connection is dropped unanswered; the held ones still work; a closed one frees its slot', async () => {
  const harness = await startTestRelay(CAP);
  try {
    // Half-sent requests: a slowloris client holding its connections.
    const held = [];
    for (let i = 0; i < CAP.maxConnectionsPerIp; i++) held.push(await connect(harness, 'GET /healthz HTTP/1.1\r\n'));
    const refused = await connect(harness, HEALTH);
    assert.is(await refused.answer, '', 'the connection over the cap was answered');
    assert.is(dropLines(harness).length, 1);
    assert.ok(dropLines(harness)[0]?.includes('"ip":"127.0.0.1"'));

    held[0]!.socket.write('Host: relay\r\nConnection: close\r\n\r\n');
    assert.ok(answered(await held[0]!.answer), 'a held connection no longer works');
    // Its slot is free once the relay has seen it close.
    let again = '';
    await waitFor(async () => answered((again = await (await connect(harness, HEALTH)).answer)), 'a new connection once a slot is free');
    assert.ok(answered(again));
    for (const h of held) h.socket.destroy();
  } finally {
    await harness.stop();
  }
});

test('connections from a trusted proxy are not counted', async () => {
  const harness = await startTestRelay({ ...CAP, trustedProxies: ['127.0.0.1'] });
  try {
    const held = [];
    for (let i = 0; i < CAP.maxConnectionsPerIp + 2; i++) held.push(await connect(harness, 'GET /healthz HTTP/1.1\r\n'));
    assert.ok(answered(await (await connect(harness, HEALTH)).answer));
    assert.is(dropLines(harness).length, 0);
    for (const h of held) h.socket.destroy();
  } finally {
    await harness.stop();
  }
});

test.run();
