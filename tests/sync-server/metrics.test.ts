// /metrics after real traffic: stock y-websocket providers edit a document on a real relay with a
// real SQLite file, a socket is refused, and the database is closed under the relay. The
// Prometheus text then holds the commit and fan-out histograms and the counters of rooms,
// sockets, bytes, refusals by close code and store errors, under their documented names. With a
// metrics token configured, /metrics answers only a request that carries it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { databasePath, openDatabase } from '../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../sync-server/relay/storage/sqlite-document-store.ts';
import { textUpdate } from './helpers/frames.ts';
import { MetricsAccess } from '../../sync-server/relay/transport/metrics-access.ts';
import { docName, makeTempDir, startTestRelay, waitFor, withTestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('relay metrics');

/** One sample's value from the Prometheus text, e.g. sample(text, 'ltm_rooms_loaded_total'). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

test('metrics appear with their names after real traffic', async () => {
  const dataDir = makeTempDir();
  const db = openDatabase(databasePath(dataDir));
  const harness = await startTestRelay({}, { store: new SqliteDocumentStore(db), dataDir });
  try {
    const doc = docName();
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const writer = harness.provider(doc, 'edit', a);
    harness.provider(doc, 'edit', b);
    a.getText('notes').insert(0, 'agenda');
    await waitFor(() => b.getText('notes').toString() === 'agenda', 'the edit reached the other device');
    writer.disconnect();

    const refused = harness.raw(doc, 'forged');
    assert.is((await refused.closed).code, CloseCode.unauthenticated);

    const before = await (await fetch(`${harness.relay.httpUrl}/metrics`)).text();
    assert.ok(sample(before, 'ltm_commit_latency_seconds_count')! >= 1, 'commit histogram');
    assert.ok(sample(before, 'ltm_fanout_latency_seconds_count')! >= 1, 'fan-out histogram');
    assert.ok(before.includes('ltm_fanout_latency_seconds_bucket{le="0.001"}'), 'fan-out buckets');
    assert.is(sample(before, 'ltm_rooms_loaded_total'), 1);
    assert.is(sample(before, 'ltm_rooms'), 1);
    assert.is(sample(before, 'ltm_sockets_opened_total'), 2);
    assert.ok(sample(before, 'ltm_bytes_received_total')! > 0, 'bytes in');
    assert.ok(sample(before, 'ltm_bytes_sent_total')! > 0, 'bytes out');
    assert.ok(sample(before, 'ltm_update_bytes_total')! > 0, 'update bytes');
    assert.is(sample(before, 'ltm_refused_connections_total{code="4401"}'), 1);
    assert.is(sample(before, 'ltm_store_errors_total{operation="append"}'), null, 'no store error yet');

    // A real failure of the real database: the connection is gone when the next update commits.
    db.close();
    const late = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await late.opened;
    late.ws.send(encodeUpdate(textUpdate('lost')));
    assert.is((await late.closed).code, CloseCode.internalError);
    const after = await (await fetch(`${harness.relay.httpUrl}/metrics`)).text();
    assert.is(sample(after, 'ltm_store_errors_total{operation="append"}'), 1);
    // Both sockets of the failed room (the remaining provider and the late writer) close with 1011.
    assert.is(sample(after, 'ltm_refused_connections_total{code="1011"}'), 2, 'refusals by close code include 1011');
  } finally {
    await harness.stop().catch(() => {});
  }
});

test('with a metrics token, /metrics answers only its bearer: refusals are 401, logged, without the token', async () => {
  const token = 'scrape-me-7Qm2x9Lp4Vt8';
  await withTestRelay({ metricsToken: token }, async (harness) => {
    const url = `${harness.relay.httpUrl}/metrics`;
    const bare = await fetch(url);
    assert.is(bare.status, 401);
    assert.is(bare.headers.get('www-authenticate'), 'Bearer');
    assert.is((await bare.json()).error.code, 'unauthenticated');
    for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, `Basic ${token}`, `Bearer ${token} extra`]) {
      assert.is((await fetch(url, { headers: { authorization } })).status, 401, authorization);
    }
    for (const authorization of [`Bearer ${token}`, `bearer  ${token}`]) {
      const ok = await fetch(url, { headers: { authorization } });
      assert.is(ok.status, 200, authorization);
      assert.match(await ok.text(), 'ltm_');
    }
    const refusals = harness.logs.filter((line) => line.includes('a /metrics request without the metrics token was refused'));
    assert.is(refusals.length, 1, 'six refusals in a minute, one line');
    assert.not.ok(harness.logs.some((line) => line.includes(token)), 'the token is never logged');
    assert.is((await fetch(`${harness.relay.httpUrl}/healthz`)).status, 200, 'liveness stays open');
  });
});

test('refusals are logged once a minute with their count', () => {
  const lines: unknown[] = [];
  const logger = { info: (fields: unknown) => void lines.push(fields) };
  const access = new MetricsAccess('scrape-me-7Qm2x9Lp4Vt8');
  for (let i = 0; i < 5; i++) access.refused('127.0.0.9', logger, 1_000 + i);
  access.refused('127.0.0.9', logger, 61_000);
  assert.equal(lines, [{ ip: '127.0.0.9', refused: 1 }, { ip: '127.0.0.9', refused: 5 }]);
});

test('a relay listening beyond loopback without a metrics token warns once', () => {
  const warned: unknown[] = [];
  const logger = { warn: (fields: unknown) => void warned.push(fields) };
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', 'localhost']) new MetricsAccess(null).warnIfOpen(host, logger);
  new MetricsAccess('scrape-me-7Qm2x9Lp4Vt8').warnIfOpen('0.0.0.0', logger);
  assert.is(warned.length, 0);
  new MetricsAccess(null).warnIfOpen('0.0.0.0', logger);
  assert.equal(warned, [{ host: '0.0.0.0' }]);
});

test.run();
