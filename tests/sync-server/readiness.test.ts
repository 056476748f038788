// Liveness and readiness against a real relay on a real SQLite file that fills up (max_page_count,
// see full-database.ts) and gets room again: /readyz answers 503 and ltm_store_ready is 0 while
// the store cannot commit, found by a probe with no traffic and by a writer's failed commit
// alike (the second relay probes rarely, so its answers come from the commits themselves); both
// come back once it can; /healthz says ok throughout; the change is logged once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { CloseCode } from '../../wire/close-codes.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../sync-server/relay/storage/sqlite-document-store.ts';
import { docFromRows, storedRows } from './helpers/frames.ts';
import { fillDatabase, type FullDatabase } from './helpers/full-database.ts';
import { docName, makeTempDir, startTestRelay, waitFor, type TestRelay } from './helpers/relay-harness.ts';

interface World {
  relay: TestRelay | null;
  db: SqliteDatabase | null;
}

const Readiness = suite<World>('readiness', { relay: null, db: null });

async function start(w: World, readinessProbeIntervalMs: number): Promise<{ relay: TestRelay; db: SqliteDatabase }> {
  const dataDir = makeTempDir();
  const db = (w.db = openDatabase(databasePath(dataDir)));
  const relay = (w.relay = await startTestRelay({ readinessProbeIntervalMs }, { dataDir, store: new SqliteDocumentStore(db) }));
  return { relay, db };
}

Readiness.after.each(async (w) => {
  await w.relay?.stop();
  w.db?.close();
  w.relay = null;
  w.db = null;
});

function fillUp(db: SqliteDatabase): FullDatabase {
  db.exec('CREATE TABLE filler (data BLOB)');
  const fill = db.prepare('INSERT INTO filler VALUES (randomblob(1000))');
  return fillDatabase(db, () => fill.run());
}

async function probe(relay: TestRelay): Promise<{ healthz: number; readyz: number; gauge: string | undefined; body: unknown }> {
  const base = relay.relay.httpUrl;
  const healthz = (await fetch(`${base}/healthz`)).status;
  const ready = await fetch(`${base}/readyz`);
  const body = await ready.json();
  const metrics = await (await fetch(`${base}/metrics`)).text();
  return { healthz, readyz: ready.status, gauge: /^ltm_store_ready (\d)$/m.exec(metrics)?.[1], body };
}

const notReadyLines = (relay: TestRelay) => relay.logs.filter((line) => line.includes('store cannot commit; not ready')).length;

Readiness('ready while the store commits; 503 while it cannot; ready again once it can', async (w) => {
  // Probe on every request, so each answer below reflects the store at that moment.
  const { relay, db } = await start(w, 0);
  assert.equal(await probe(relay), { healthz: 200, readyz: 200, gauge: '1', body: { status: 'ready' } });

  const full = fillUp(db);
  const down = await probe(relay);
  assert.equal(down, { healthz: 200, readyz: 503, gauge: '0', body: { error: { code: 'store_unavailable', message: 'the store cannot commit' } } });
  for (let i = 0; i < 3; i++) assert.is((await fetch(`${relay.relay.httpUrl}/readyz`)).status, 503);
  assert.is(notReadyLines(relay), 1, 'the change is logged once, not per request');

  full.makeRoom();
  assert.equal(await probe(relay), { healthz: 200, readyz: 200, gauge: '1', body: { status: 'ready' } });
});

Readiness('a writer whose commit fails makes the relay unready until commits succeed again', async (w) => {
  const { relay, db } = await start(w, 3_600_000);
  assert.is((await probe(relay)).readyz, 200);
  const full = fillUp(db);
  assert.is((await probe(relay)).readyz, 200, 'no probe within the interval: nothing has failed yet');
  const doc = docName();
  const writer = relay.provider(doc, 'edit', new Y.Doc());
  const closes: number[] = [];
  writer.on('connection-close', (event: CloseEvent | null) => void (event && closes.push(event.code)));
  await waitFor(() => writer.synced, 'writer synced');
  writer.doc.getText('notes').insert(0, 'x'.repeat(20_000));
  await waitFor(() => closes.includes(CloseCode.internalError), 'the failed commit closed the writer with 1011');
  const down = await probe(relay);
  assert.is(down.readyz, 503);
  assert.is(down.gauge, '0');
  assert.is(down.healthz, 200);

  full.makeRoom();
  // The stock client reconnects and sends its update again; this time it is committed.
  await waitFor(() => docFromRows(storedRows(relay.dataDir, doc)).getText('notes').length === 20_000, 'the update stored once there is room');
  assert.is((await probe(relay)).readyz, 200);
});

Readiness.run();
