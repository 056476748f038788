// Cross-node delivery when the notification carries the committed row: the other node applies and
// broadcasts it without reading the store, and falls back to reading by sequence number when the
// row is not carried (too big for a NOTIFY payload) or when the sequence number is not the next
// one it expects (a missed notification). A row no notification ever announces is found by the
// feed's sweep. Notifications follow their commit: a listener that reads the announced row finds
// it. Real PostgreSQL, two real relays, stock providers; the store is observed (its loadSince
// calls counted), never replaced.
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import pg from 'pg';
import type { WebsocketProvider } from 'y-websocket';
import { createLogger } from '../../../sync-server/logger.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import { MAX_NOTIFY_PAYLOAD_BYTES, parseNotification, UPDATES_CHANNEL } from '../../../sync-server/relay/storage/commit-notification.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { PostgresUpdateFeed } from '../../../sync-server/relay/storage/postgres-update-feed.ts';
import { createPostgresPool } from '../../../sync-server/postgres/postgres-pool.ts';
import { countCalls, type CountedCalls } from '../../helpers/counted-calls.ts';
import { postgresNodesSuite, type PostgresNodesWorld } from '../helpers/postgres-nodes-suite.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from '../helpers/relay-harness.ts';
import { loadStoredDoc, storedText } from '../helpers/stored-doc.ts';

const test = postgresNodesSuite('cross-node delivery by notification');

interface Node {
  readonly relay: TestRelay;
  /** This node's store, its calls counted (loadSince: the reads its rooms made to catch up). */
  readonly store: CountedCalls<DocumentStore>;
}

/** The sweep is slowed down unless a test is about it, so only notifications deliver. */
async function startNodes(w: PostgresNodesWorld, sweepIntervalMs = 60_000): Promise<{ nodes: Node[]; url: string }> {
  const url = await w.cluster.createDatabase(`feed_${++w.databases}`);
  const nodes: Node[] = [];
  for (let i = 0; i < 2; i++) {
    const store = countCalls<DocumentStore>(await PostgresDocumentStore.open(url, 4));
    const relay = await startTestRelay({ roomUnloadGraceMs: 200 }, { store: store.target, feed: new PostgresUpdateFeed(url, createLogger('silent'), { sweepIntervalMs }) });
    w.nodes.push(relay);
    nodes.push({ relay, store });
  }
  return { nodes, url };
}

const textOf = (provider: WebsocketProvider) => provider.doc.getText('t').toString();

async function pair(w: PostgresNodesWorld, sweepIntervalMs?: number): Promise<{ a: WebsocketProvider; b: WebsocketProvider; nodes: Node[]; url: string; doc: string }> {
  const { nodes, url } = await startNodes(w, sweepIntervalMs);
  const doc = docName();
  const a = nodes[0]!.relay.provider(doc, 'edit');
  const b = nodes[1]!.relay.provider(doc, 'edit');
  await waitFor(() => a.synced && b.synced, 'both synced');
  return { a, b, nodes, url, doc };
}

/** Commits an edit straight into the table with no notification, as when one is lost. */
async function commitSilently(url: string, doc: string, text: string): Promise<void> {
  const reader = await PostgresDocumentStore.open(url, 1);
  const missed = await loadStoredDoc(reader, doc);
  await reader.close();
  const before = Y.encodeStateVector(missed);
  missed.getText('t').insert(missed.getText('t').length, text);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('INSERT INTO ltm_updates (doc, seq, data) SELECT $1, max(seq) + 1, $2 FROM ltm_updates WHERE doc = $1', [doc, Buffer.from(Y.encodeStateAsUpdate(missed, before))]);
  await client.end();
}

test('a small update reaches the other node from the notification alone, without a read', async (w) => {
  const { a, b, nodes } = await pair(w);
  for (let i = 0; i < 10; i++) {
    a.doc.getText('t').insert(0, `${i};`);
    await waitFor(() => textOf(b) === textOf(a), `b has edit ${i}`);
  }
  assert.is(nodes[1]!.store.count('loadSince'), 0, 'node 2 never read the store');
});

test('an update too big for a notification is read by sequence number', async (w) => {
  const { a, b, nodes, url, doc } = await pair(w);
  const big = 'x'.repeat(MAX_NOTIFY_PAYLOAD_BYTES + 100);
  a.doc.getText('t').insert(0, big);
  await waitFor(() => textOf(b) === big, 'b has the big edit', 15_000);
  assert.ok(nodes[1]!.store.count('loadSince') > 0, 'node 2 read the row the notification could not carry');
  a.doc.getText('t').insert(0, 'small;');
  await waitFor(() => textOf(b) === `small;${big}`, 'b has the small edit after it', 15_000);
  assert.is(await storedText(url, doc), textOf(b));
});

test('a row whose notification was missed is read when the next notification skips its number', async (w) => {
  const { a, b, url, doc } = await pair(w);
  a.doc.getText('t').insert(0, 'first;');
  await waitFor(() => textOf(b) === 'first;', 'b has the first edit');
  await commitSilently(url, doc, 'missed;');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.is(textOf(b), 'first;', 'nothing announced the silent row');
  a.doc.getText('t').insert(0, 'next;');
  await waitFor(() => textOf(b).includes('missed;') && textOf(b).includes('next;'), 'b has the missed row and the next one', 15_000);
  await waitFor(() => textOf(a) === textOf(b), 'a and b converge', 15_000);
  assert.is(await storedText(url, doc), textOf(b));
});

test('a row no notification announces reaches the other node within a sweep', async (w) => {
  const { a, b, url, doc } = await pair(w, 300);
  a.doc.getText('t').insert(0, 'first;');
  await waitFor(() => textOf(b) === 'first;', 'b has the first edit');
  await commitSilently(url, doc, 'silent;');
  await waitFor(() => textOf(b) === 'first;silent;', 'b has the silent row without any later edit', 15_000);
  await waitFor(() => textOf(a) === textOf(b), 'a has it as well', 15_000);
});

test('a notification is sent only once its row is committed', async (w) => {
  const { a, b, url, doc } = await pair(w);
  const listener = new pg.Client({ connectionString: url });
  const reader = new pg.Client({ connectionString: url });
  try {
    await Promise.all([listener.connect(), reader.connect()]);
    const checks: Promise<boolean>[] = [];
    let heardUpTo = 0;
    listener.on('notification', (message) => {
      const parsed = parseNotification(message.payload ?? '');
      if (parsed?.doc !== doc) return;
      heardUpTo = Math.max(heardUpTo, parsed.seq);
      checks.push(reader.query('SELECT 1 FROM ltm_updates WHERE doc = $1 AND seq >= $2', [doc, parsed.seq]).then((result) => (result.rowCount ?? 0) > 0));
    });
    await listener.query(`LISTEN ${UPDATES_CHANNEL}`);
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(0, `${i};`);
    // Node 2 has every edit once every row is committed; the listener then waits for the last one.
    await waitFor(() => textOf(b) === textOf(a), 'b has every edit');
    const { rows } = await reader.query<{ last: number }>('SELECT max(seq)::int AS last FROM ltm_updates WHERE doc = $1', [doc]);
    await waitFor(() => heardUpTo >= rows[0]!.last, 'the last row is announced');
    const found = await Promise.all(checks);
    assert.ok(found.every(Boolean), 'every announced row was readable when its notification arrived');
  } finally {
    await Promise.all([listener.end(), reader.end()]);
  }
});

test('the sweep reads through its own pool, so the listening connection only listens', async (w) => {
  const url = await w.cluster.createDatabase(`feed_${++w.databases}`);
  const doc = docName();
  const writer = await PostgresDocumentStore.open(url, 1);
  const source = new Y.Doc();
  source.getText('t').insert(0, 'stored before the feed started');
  const seqs = await writer.append([{ doc, updates: [Y.encodeStateAsUpdate(source)] }]);
  await writer.close();
  const pool = createPostgresPool({ connectionString: url, max: 1 });
  const sweepPool = countCalls(pool);
  const feed = new PostgresUpdateFeed(url, createLogger('silent'), { sweepIntervalMs: 100, sweepPool: sweepPool.target });
  const heard: { doc: string; seq: number }[] = [];
  // Started after the commit, the feed missed its notification: only a sweep can report it.
  await feed.start({ committed: (d, seq) => heard.push({ doc: d, seq }), resync: () => {}, loaded: () => [doc] });
  try {
    await waitFor(() => heard.some((h) => h.doc === doc && h.seq === seqs.get(doc)), 'the sweep reports the stored row');
    assert.ok(sweepPool.count('query') > 0, 'the sweep queried its pool');
  } finally {
    await feed.close();
    await pool.end();
  }
});

test.run();
