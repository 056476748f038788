// A request target no URL can be made of (`//`, `/\`, `//%`) gets 400 with a log line, over
// plain HTTP and as a websocket upgrade, and the relay goes on serving; before, the throw in the
// server's handler ended the process. A refused upgrade takes no socket slot of its address, and
// the relay cuts it off after the grace even when the client never closes its side.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import WebSocket from 'ws';
import { TokenRoleGate } from './helpers/token-role-gate.ts';
import { docName, waitFor, withTestRelay, type TestRelay } from './helpers/relay-harness.ts';

const test = suite('malformed request targets');
// (A target with a space never reaches the relay: Node's own parser answers 400.)
const TARGETS = ['//', '/\\', '//x:99999/', '//%'];

/** Sends raw request bytes and resolves with what came back before the relay ended it. */
function raw(harness: TestRelay, request: string, localAddress = '127.0.0.1'): Promise<{ text: string; socket: net.Socket }> {
  const { port } = new URL(harness.relay.url.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port), localAddress, allowHalfOpen: true });
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => resolve({ text, socket }));
    socket.on('error', reject);
    socket.write(request);
  });
}

const upgrade = (target: string): string =>
  `GET ${target} HTTP/1.1\r\nHost: relay\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

async function stillServes(harness: TestRelay): Promise<void> {
  const res = await fetch(`http://${new URL(harness.relay.url).host}/healthz`);
  assert.is(res.status, 200);
}

test('plain requests: 400 bad_request, a log line, and the relay serves on', () =>
  withTestRelay({}, async (harness) => {
    for (const target of TARGETS) {
      const { text, socket } = await raw(harness, `GET ${target} HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      assert.match(text, /^HTTP\/1\.1 400 /, target);
      assert.match(text, /"code":"bad_request"/);
      await stillServes(harness);
    }
    assert.ok(harness.logs.filter((line) => line.includes('malformed request target')).length >= TARGETS.length, harness.logs.join('\n'));
    // The log line keeps the path and leaves out the query, which can carry a token.
    const { socket } = await raw(harness, `GET //?token=a.secret.token HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n`);
    socket.destroy();
    await stillServes(harness);
    assert.not.ok(harness.logs.some((line) => line.includes('a.secret.token')), 'no token in the log');
  }));

test('upgrades: 400, a log line, and the relay serves on', () =>
  withTestRelay({}, async (harness) => {
    for (const target of TARGETS) {
      const { text, socket } = await raw(harness, upgrade(target));
      socket.destroy();
      assert.match(text, /^HTTP\/1\.1 400 Bad Request/, target);
      await stillServes(harness);
    }
    assert.ok(harness.logs.filter((line) => line.includes('malformed request target')).length >= TARGETS.length);
  }));

test('a refused upgrade its client never closes holds no socket slot, and is cut off after the grace', () =>
  withTestRelay({ maxSocketsPerIp: 1, connectionsPerSecondPerIp: 1e9, connectionBurstPerIp: 1e9, closeGraceMs: 200 }, async (harness) => {
    const refused = await Promise.all(['/nope', '//'].map((target) => raw(harness, upgrade(target), '127.1.9.1')));
    assert.match(refused[0]!.text, /^HTTP\/1\.1 404 /);
    // Neither client closes its side; the one slot of the address is still free for a real socket.
    const doc = docName();
    const ws = new WebSocket(`${harness.relay.url}/${doc}?token=${encodeURIComponent(TokenRoleGate.token('edit', doc))}`, { localAddress: '127.1.9.1' });
    try {
      const outcome = await new Promise<number | 'open'>((resolve) => {
        ws.on('open', () => resolve('open'));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
      assert.is(outcome, 'open');
      // The relay closes the refused sockets for good: writing to them soon fails.
      for (const { socket } of refused) {
        let failed = false;
        socket.on('error', () => (failed = true));
        socket.on('close', () => (failed = true));
        await waitFor(() => {
          if (!socket.destroyed) socket.write('x');
          return failed;
        }, 'the refused socket was cut off');
      }
    } finally {
      ws.terminate();
      for (const { socket } of refused) socket.destroy();
    }
  }));

test.run();
