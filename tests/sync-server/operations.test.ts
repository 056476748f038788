// Operations: the CLI child process (port 0 reported on stdout, SIGTERM exits 0 with data
// flushed, restart serves it), health/time/metrics routes, JSON 404s, keep-alive to idle
// sockets, and logs that never carry a token.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { encodeSyncStep1 } from '../../sync-server/relay/protocol/messages.ts';
import { KEEP_ALIVE_MESSAGE } from '../../sync-server/relay/protocol/messages.ts';
import { docFromRows, storedRows } from './helpers/frames.ts';
import { docName, makeTempDir, startTestRelay, waitFor } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts';
import { apiClient } from './web/access/access-harness.ts';
import { destroyProvider, stockProvider } from './helpers/stock-provider.ts';

function stockProviderOn(port: number, doc: string, token: string): WebsocketProvider {
  return stockProvider(`ws://127.0.0.1:${port}/sync`, doc, token);
}

const destroy = destroyProvider;

const test = suite('operations');

test('the CLI reports its port, exits 0 on SIGTERM with data stored, and serves it after restart', async () => {
  const dataDir = makeTempDir();
  const children: RelayProcess[] = [];
  const providers: WebsocketProvider[] = [];
  try {
    const first = await spawnRelay({ dataDir });
    children.push(first);
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const account = (await apiClient(first.httpUrl)('POST', '/api/accounts', { email: `ops-${randomBytes(4).toString('hex')}@example.org`, password, name: 'Ops' })).json;
    assert.type(account.session, 'string');
    const doc = `meeting/${randomBytes(16).toString('hex')}`;
    const { token } = (await apiClient(first.httpUrl)('POST', '/api/tokens', { doc }, account.session)).json;
    assert.type(token, 'string');

    const writer = stockProviderOn(first.port, doc, token);
    const reader = stockProviderOn(first.port, doc, token);
    providers.push(writer, reader);
    await waitFor(() => writer.synced && reader.synced, 'synced with the child relay');
    writer.doc.getText('notes').insert(0, 'survives SIGTERM');
    await waitFor(() => reader.doc.getText('notes').toString() === 'survives SIGTERM', 'reader got it');

    first.child.kill('SIGTERM');
    assert.equal(await first.exited, { code: 0, signal: null });
    assert.is(docFromRows(storedRows(dataDir, doc)).getText('notes').toString(), 'survives SIGTERM');
    destroy(writer);
    destroy(reader);

    const second = await spawnRelay({ dataDir });
    children.push(second);
    const again = (await apiClient(second.httpUrl)('POST', '/api/tokens', { doc }, account.session)).json;
    const late = stockProviderOn(second.port, doc, again.token);
    providers.push(late);
    await waitFor(() => late.synced, 'synced after restart');
    assert.is(late.doc.getText('notes').toString(), 'survives SIGTERM');
    destroy(late);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, { code: 0, signal: null });

    const logs = children.flatMap((child) => child.lines).join('\n');
    for (const secret of [token, again.token, account.session, password]) assert.not.ok(logs.includes(secret), 'a secret reached the logs');
  } finally {
    for (const provider of providers) destroy(provider);
    for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('health, time, metrics and JSON 404s; logs carry no token', async () => {
  const harness = await startTestRelay();
  try {
    const base = harness.relay.httpUrl;
    const health = await fetch(`${base}/healthz`);
    assert.is(health.status, 200);
    const before = Date.now();
    const { now } = (await (await fetch(`${base}/api/time`)).json()) as { now: number };
    assert.ok(now >= before - 1000 && now <= Date.now() + 1000);
    const missing = await fetch(`${base}/api/nothing`);
    assert.is(missing.status, 404);
    const body = (await missing.json()) as { error: { code: string; message: string } };
    assert.is(body.error.code, 'not_found');
    assert.type(body.error.message, 'string');
    assert.is((await fetch(`${base}/no-such-page`)).status, 404);

    const doc = docName();
    const a = harness.provider(doc, 'edit');
    const b = harness.provider(doc, 'view');
    await waitFor(() => a.synced && b.synced, 'synced');
    a.doc.getText('notes').insert(0, 'metered');
    await waitFor(() => b.doc.getText('notes').toString() === 'metered', 'delivered');
    const refused = harness.raw(doc, `view~${docName()}~${'f'.repeat(24)}`);
    await refused.closed;
    const unnamed = harness.raw('meeting/bad', `view~meeting/bad~${'e'.repeat(24)}`);
    await unnamed.closed;
    const bad = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await bad.opened;
    bad.ws.send(new Uint8Array([0, 2, 40, 1]));
    await bad.closed;

    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const series of [
      'ltm_connections 2',
      'ltm_rooms 1',
      'ltm_updates_total',
      'ltm_update_bytes_total',
      'ltm_commit_latency_seconds_bucket',
      'ltm_commit_latency_seconds_count',
      'ltm_rejected_frames_total{reason="malformed"} 1',
      'ltm_refused_connections_total',
    ]) {
      assert.ok(metrics.includes(series), `metrics lack ${series}`);
    }

    const tokens = [...new Set(harness.logs.join('\n').match(/~[0-9a-f]{24}/g) ?? [])];
    assert.equal(tokens, [], 'a token nonce reached the logs');
    assert.ok(harness.logs.some((line) => line.includes('malformed document name')), 'transport refusals are logged');
  } finally {
    await harness.stop();
  }
});

test('an idle connection keeps hearing a keep-alive a stock client accepts silently', async () => {
  const harness = await startTestRelay({ keepAliveMs: 40 });
  try {
    const doc = docName();
    const viewer = harness.raw(doc, TokenRoleGate.token('view', doc));
    await viewer.opened;
    viewer.ws.send(encodeSyncStep1(new Y.Doc()));
    const keepAlive = Buffer.from(KEEP_ALIVE_MESSAGE).toString('hex');
    await waitFor(() => viewer.received.filter((d) => Buffer.from(d).toString('hex') === keepAlive).length >= 3, 'keep-alives');

    const stock = harness.provider(doc, 'view');
    await waitFor(() => stock.synced, 'stock synced');
    let changes = 0;
    stock.awareness.on('change', () => changes++);
    const heard = stock.wsLastMessageReceived;
    await waitFor(() => stock.wsLastMessageReceived > heard + 100, 'stock client hears the relay while idle');
    assert.is(changes, 0);
    assert.ok(stock.wsconnected);
  } finally {
    await harness.stop();
  }
});

test('a peer that stops answering pings is terminated', async () => {
  const harness = await startTestRelay({ keepAliveMs: 20, deadPeerTimeoutMs: 1000 });
  try {
    const doc = docName();
    const live = harness.raw(doc, TokenRoleGate.token('edit', doc));
    const dead = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await Promise.all([live.opened, dead.opened]);
    (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await waitFor(() => harness.relay.connectionCount() === 1, 'dead peer dropped');
    assert.is(live.ws.readyState, WebSocket.OPEN);
  } finally {
    await harness.stop();
  }
});

test.run();
