// Nothing the relay asks of PostgreSQL waits for ever, on a real server: every connection carries
// a statement timeout, an idle-in-transaction timeout and TCP keepalive (the database URL can
// change them); a statement blocked on a lock fails with query_canceled and the pool serves on;
// schema creation alone waits as long as another node's schema lock is held; and a relay whose
// commits are blocked closes its writers with 1011 instead of holding them, then stores their
// edits once the lock is gone. Each wait below is bounded: without the timeouts the blocked
// statements would never end, so a bound that runs out fails the test instead of hanging it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { createLogger } from '../../../sync-server/logger.ts';
import { createPostgresPool, postgresClient } from '../../../sync-server/postgres/postgres-pool.ts';
import { createSchema, SCHEMA_LOCK } from '../../../sync-server/postgres/postgres-schema-lock.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { PostgresUpdateFeed } from '../../../sync-server/relay/storage/postgres-update-feed.ts';
import { CloseCode } from '../../../wire/close-codes.ts';
import type { PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from '../helpers/relay-harness.ts';
import { storedText } from '../helpers/stored-doc.ts';

interface World {
  cluster: PostgresCluster;
  url: string;
  /** Another session, standing in for a node frozen inside a transaction. */
  blocker: pg.Client;
  cleanups: (() => Promise<unknown>)[];
}

const test = suite<World>('PostgreSQL statement limits', {} as never);
const STILL_WAITING = 'still waiting after 10 s';
const bounded = <T>(work: Promise<T>): Promise<T | typeof STILL_WAITING> =>
  Promise.race([work, new Promise<typeof STILL_WAITING>((resolve) => setTimeout(() => resolve(STILL_WAITING), 10_000).unref())]);

test.before(async (w) => {
  w.cluster = await sharedPostgres();
  w.url = await w.cluster.createDatabase('limits');
  w.cleanups = [];
});

test.before.each(async (w) => {
  w.blocker = new pg.Client({ connectionString: w.url });
  await w.blocker.connect();
});

test.after.each(async (w) => {
  await w.blocker.query('ROLLBACK').catch(() => {});
  await w.blocker.end();
  for (const cleanup of w.cleanups.splice(0).reverse()) await cleanup();
});

test.after(async (w) => {
  await w.cluster?.stop();
});

async function show(query: (text: string) => Promise<pg.QueryResult>, setting: string): Promise<string> {
  return (await query(`SHOW ${setting}`)).rows[0][setting];
}

test('every connection carries the limits, and the database URL overrides them', async (w) => {
  const pool = createPostgresPool({ connectionString: w.url, max: 1 });
  const tuned = createPostgresPool({ connectionString: `${w.url}?statement_timeout=250`, max: 1 });
  const listener = postgresClient(w.url);
  await listener.connect();
  try {
    assert.is(await show((t) => pool.query(t), 'statement_timeout'), '15s');
    assert.is(await show((t) => pool.query(t), 'idle_in_transaction_session_timeout'), '1min');
    assert.is(await show((t) => listener.query(t), 'statement_timeout'), '15s', 'a LISTEN connection too');
    assert.is(await show((t) => tuned.query(t), 'statement_timeout'), '250ms');
  } finally {
    await Promise.all([pool.end(), tuned.end(), listener.end()]);
  }
});

test('a statement blocked on a lock fails with query_canceled, and the pool serves on', async (w) => {
  await w.blocker.query('CREATE TABLE IF NOT EXISTS held (id int)');
  await w.blocker.query('BEGIN');
  await w.blocker.query('LOCK TABLE held IN ACCESS EXCLUSIVE MODE');
  const pool = createPostgresPool({ connectionString: `${w.url}?statement_timeout=300`, max: 1 });
  try {
    const outcome = await bounded(pool.query('SELECT count(*) FROM held').then(() => 'answered', (e: unknown) => e));
    assert.is((outcome as { code?: string }).code, '57014', `query_canceled, got ${String(outcome)}`);
    await w.blocker.query('ROLLBACK');
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM held')).rows, [{ n: 0 }]);
  } finally {
    await pool.end();
  }
});

test("schema creation waits out another node's schema lock instead of timing out", async (w) => {
  await w.blocker.query('BEGIN');
  await w.blocker.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
  const pool = createPostgresPool({ connectionString: `${w.url}?statement_timeout=200`, max: 1 });
  try {
    const created = createSchema(pool, 'CREATE TABLE IF NOT EXISTS made_later (id int)').then(() => 'created', (e: unknown) => e);
    // Well past the statement timeout: the schema's statements have none.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await w.blocker.query('COMMIT');
    assert.is(await bounded(created), 'created');
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM made_later')).rows, [{ n: 0 }]);
  } finally {
    await pool.end();
  }
});

test('a relay whose commits are blocked closes its writers with 1011, then stores their edits once the lock is gone', async (w) => {
  const store = await PostgresDocumentStore.open(`${w.url}?statement_timeout=500`, 2);
  const feed = new PostgresUpdateFeed(w.url, createLogger('silent'), { sweepIntervalMs: 60_000 });
  const relay: TestRelay = await startTestRelay({}, { store, feed });
  w.cleanups.push(() => relay.stop());
  const doc = docName();
  const writer = relay.provider(doc, 'edit');
  const closes: number[] = [];
  writer.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  await waitFor(() => writer.synced, 'writer synced');
  writer.doc.getText('t').insert(0, 'before ');
  await waitFor(async () => (await storedText(w.url, doc)) === 'before ', 'the first edit stored');

  await w.blocker.query('BEGIN');
  await w.blocker.query('LOCK TABLE ltm_updates IN ACCESS EXCLUSIVE MODE');
  writer.doc.getText('t').insert(7, 'during');
  await waitFor(() => closes.includes(CloseCode.internalError), 'the writer closed with 1011 while the table is locked');
  await w.blocker.query('ROLLBACK');

  await waitFor(async () => (await storedText(w.url, doc)) === 'before during', 'the blocked edit stored after the lock is gone', 15_000);
  const entries = relay.logs.filter((line) => line.includes('canceling statement due to statement timeout'));
  assert.ok(entries.length > 0, 'the failure is logged with PostgreSQL\'s reason');
});

test.run();
