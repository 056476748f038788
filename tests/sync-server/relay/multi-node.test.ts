// Several relays on one PostgreSQL act as one service for documents: stock y-websocket clients
// on different nodes see each other's edits (each node broadcasts another node's update only
// after the store's NOTIFY, which PostgreSQL delivers at commit), nodes that compact the same
// document at the same time lose nothing, and a database restart during editing loses nothing
// that was acknowledged while the relays recover without a restart (readiness says 503 meanwhile). Real PostgreSQL, real relays,
// real providers; the access gate is the test gate, as this suite is about documents (the real
// gate across nodes is multi-node-access.test.ts).
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createLogger } from '../../../sync-server/logger.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { PostgresUpdateFeed } from '../../../sync-server/relay/storage/postgres-update-feed.ts';
import type { RelayConfig } from '../../../sync-server/config.ts';
import { postgresNodesSuite, type PostgresNodesWorld } from '../helpers/postgres-nodes-suite.ts';
import { docName, startTestRelay, waitFor, type TestRelay } from '../helpers/relay-harness.ts';
import { storedText } from '../helpers/stored-doc.ts';

// Its own server: one test stops and starts it.
const test = postgresNodesSuite('relays on one PostgreSQL', { ownServer: true });

async function startNodes(w: PostgresNodesWorld, count: number, overrides: Partial<RelayConfig> = {}): Promise<{ nodes: TestRelay[]; url: string }> {
  const url = await w.cluster.createDatabase(`nodes_${++w.databases}`);
  const logger = createLogger('silent');
  for (let i = 0; i < count; i++) {
    const store = await PostgresDocumentStore.open(url, 4);
    const feed = new PostgresUpdateFeed(url, logger, { sweepIntervalMs: 60_000 });
    w.nodes.push(await startTestRelay({ roomUnloadGraceMs: 200, ...overrides }, { store, feed }));
  }
  return { nodes: w.nodes, url };
}

const textOf = (provider: WebsocketProvider) => provider.doc.getText('t').toString();

test('clients on three nodes see each other\'s edits and converge', async (w) => {
  const { nodes, url } = await startNodes(w, 3);
  const doc = docName();
  const clients = nodes.map((node) => node.provider(doc, 'edit'));
  await waitFor(() => clients.every((c) => c.synced), 'every client synced');
  for (let round = 0; round < 20; round++) {
    clients.forEach((client, i) => client.doc.getText('t').insert(0, `${i}.${round};`));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await waitFor(() => new Set(clients.map(textOf)).size === 1 && textOf(clients[0]!).split(';').length === 61, 'all three converge on 60 edits', 20_000);
  assert.is(await storedText(url, doc), textOf(clients[0]!), 'the database holds every edit');
});

test('a later client on another node loads everything; simultaneous compaction on every node loses nothing', async (w) => {
  const { nodes, url } = await startNodes(w, 3, { compactAfterRows: 4 });
  const doc = docName();
  const writers = nodes.map((node) => node.provider(doc, 'edit'));
  await waitFor(() => writers.every((c) => c.synced), 'writers synced');
  for (let round = 0; round < 30; round++) {
    writers.forEach((client, i) => client.doc.getText('t').insert(0, `${i}:${round} `));
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  await waitFor(() => new Set(writers.map(textOf)).size === 1 && textOf(writers[0]!).split(' ').length === 91, 'writers converge on 90 edits', 20_000);
  const late = nodes[1]!.provider(doc, 'view', new Y.Doc());
  await waitFor(() => late.synced && textOf(late) === textOf(writers[0]!), 'a late viewer loads the full text', 10_000);
  const stored = await PostgresDocumentStore.open(url, 1);
  try {
    // Compactions are spaced in time: on a loaded machine the last one may still be due here.
    await waitFor(async () => (await stored.load(doc)).rowCount < 45, 'compaction ran', 15_000);
  } finally {
    await stored.close();
  }
  assert.is(await storedText(url, doc), textOf(writers[0]!));
});

test('a database restart during editing loses nothing acknowledged; the relays recover without a restart', async (w) => {
  const { nodes, url } = await startNodes(w, 2);
  const doc = docName();
  const [a, b] = [nodes[0]!.provider(doc, 'edit'), nodes[1]!.provider(doc, 'edit')];
  await waitFor(() => a.synced && b.synced, 'both synced');
  a.doc.getText('t').insert(0, 'before;');
  await waitFor(() => textOf(b) === 'before;', 'b hears a before the restart');
  await w.cluster.halt();
  a.doc.getText('t').insert(0, 'during-a;');
  b.doc.getText('t').insert(0, 'during-b;');
  await waitFor(async () => (await fetch(`${nodes[0]!.relay.httpUrl}/readyz`)).status === 503, 'not ready while the database is down', 15_000);
  await w.cluster.resume();
  await waitFor(async () => (await fetch(`${nodes[0]!.relay.httpUrl}/readyz`)).status === 200, 'ready again without a restart', 15_000);
  await waitFor(
    () => textOf(a) === textOf(b) && textOf(a).includes('during-a;') && textOf(a).includes('during-b;') && textOf(a).includes('before;'),
    'both clients converge with every edit after the database returns',
    30_000,
  );
  a.doc.getText('t').insert(0, 'after;');
  await waitFor(() => textOf(b).startsWith('after;'), 'edits flow across nodes again', 15_000);
  const fresh = nodes[1]!.provider(doc, 'view', new Y.Doc());
  await waitFor(() => fresh.synced && textOf(fresh) === textOf(a), 'a fresh load from the store has every edit', 15_000);
  assert.is(await storedText(url, doc), textOf(a));
});

test.run();
