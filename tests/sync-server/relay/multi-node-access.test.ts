// Several relays on one PostgreSQL act as one service for access: relays started through
// startRelayService with a database URL and the real access gate (real accounts, sessions, tokens
// and shares). What node 1 writes (a session, a document token, a name, shares) node 2 reads;
// revoking a share, signing out, changing the password or deleting the account on node 1 closes
// the socket held on node 2 with 4401, and a revocation node 2 missed while it was not listening
// closes it once it is back; an account's deletion leaves no row that a commit queued on node 2
// wrote back; deleting a meeting on node 1 closes its sockets on node 2 and removes its rows; two
// nodes claiming meetings for one account at once respect the cap.
import { readdirSync, rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { resolveConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelayService, type RelayService } from '../../../sync-server/relay-service.ts';
import { encodeUpdate } from '../../../sync-server/relay/protocol/messages.ts';
import type { AccessConfig } from '../../../sync-server/web/access/access-config.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { CloseCode } from '../../../wire/close-codes.ts';
import { Routes } from '../../../wire/website-routes.ts';
import type { PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import { textUpdate } from '../helpers/frames.ts';
import { admittedClient, makeTempDir, rawClient, waitFor, type RawClient } from '../helpers/relay-harness.ts';
import { apiClient, newMeetingId, signUp, testConfig, tokenFor, type ApiCall } from '../web/access/access-harness.ts';

interface Node {
  readonly service: RelayService;
  readonly api: ApiCall;
  readonly dataDir: string;
}

interface World {
  cluster: PostgresCluster;
  databases: number;
  nodes: Node[];
  sockets: RawClient[];
}

const test = suite<World>('relays on one PostgreSQL: access', { databases: 0, nodes: [], sockets: [] } as unknown as World);

test.before(async (w) => {
  w.cluster = await sharedPostgres();
});

test.after.each(async (w) => {
  for (const socket of w.sockets) socket.ws.terminate();
  await Promise.all(w.nodes.map((node) => node.service.close()));
  for (const node of w.nodes) rmSync(node.dataDir, { recursive: true, force: true });
  w.sockets = [];
  w.nodes = [];
});

test.after(async (w) => {
  await w.cluster.stop();
});

async function startNodes(w: World, count: number, access: Partial<AccessConfig> = {}): Promise<{ nodes: Node[]; url: string }> {
  const url = await w.cluster.createDatabase(`access_${++w.databases}`);
  return { nodes: await startNodesOn(w, url, Array.from({ length: count }, () => undefined), access), url };
}

/** One node per entry of `stores`, each with its own data directory; undefined: the node's own
 *  store. Node i's connections are named `node<i>` (application_name), so a test can cut them. */
async function startNodesOn(w: World, url: string, stores: readonly (DocumentStore | undefined)[], access: Partial<AccessConfig> = {}): Promise<Node[]> {
  for (const [i, store] of stores.entries()) {
    const dataDir = makeTempDir();
    const databaseUrl = `${url}?application_name=node${i + 1}`;
    const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, roomUnloadGraceMs: 200 });
    const service = await startRelayService(config, { logger: createLogger('silent'), access: { ...testConfig, ...access }, ...(store ? { store } : {}) });
    w.nodes.push({ service, api: apiClient(service.relay.httpUrl), dataDir });
  }
  return w.nodes;
}

/** A raw socket on `node`, resolved once the relay admitted it (it answered a sync step 1). */
async function admitted(w: World, node: Node, doc: string, token: string): Promise<RawClient> {
  const client = await admittedClient(node.service.relay.url, doc, token);
  w.sockets.push(client);
  return client;
}


async function closedWith(client: RawClient, code: number): Promise<void> {
  let closed: { code: number } | null = null;
  void client.closed.then((value) => (closed = value));
  await waitFor(() => closed !== null, `the socket closes with ${code}`);
  assert.is(closed!.code, code);
}

test('a session and a document token made on node 1 are accepted on node 2', async (w) => {
  const [one, two] = (await startNodes(w, 2)).nodes as [Node, Node];
  const account = await signUp(one);
  const library = `library/${account.accountId}`;
  const fromTwo = await two.api('GET', '/api/accounts/current', undefined, account.session);
  assert.is(fromTwo.json.accountId, account.accountId, 'the session works on node 2');
  await admitted(w, two, library, await tokenFor(one.api, library, account.session));
  const signIn = await two.api('POST', '/api/sessions', { email: account.email, password: account.password, deviceToken: account.deviceToken });
  assert.is(signIn.status, 200, 'a sign-in on node 2 with the device token node 1 issued');
});

test('what node 1 writes, node 2 reads: name, sessions, shares, meetings and the export', async (w) => {
  const [one, two] = (await startNodes(w, 2)).nodes as [Node, Node];
  const account = await signUp(one);
  const meetingId = newMeetingId();
  await tokenFor(one.api, `meeting/${meetingId}`, account.session);
  await one.api('PATCH', '/api/accounts/current', { name: 'Renamed' }, account.session);
  const share = await one.api('POST', '/api/shares', { meetingId, role: 'edit' }, account.session);
  assert.is((await two.api('GET', '/api/accounts/current', undefined, account.session)).json.name, 'Renamed');
  assert.is((await two.api('GET', '/api/sessions', undefined, account.session)).json.sessions.length, 1);
  const shares = (await two.api('GET', `/api/shares?meetingId=${meetingId}`, undefined, account.session)).json.shares;
  assert.equal(shares.map((s: { shareId: string; active: boolean }) => [s.shareId, s.active]), [[share.json.shareId, true]]);
  assert.equal((await two.api('GET', '/api/meetings', undefined, account.session)).json.meetings.map((m: { meetingId: string }) => m.meetingId), [meetingId]);
  const exported = await fetch(`${two.service.relay.httpUrl}/api/accounts/current/export`, { headers: { authorization: `Bearer ${account.session}` } });
  assert.is(exported.status, 200);
  assert.is(exported.headers.get('content-type'), 'application/zip');
});

test('revoking a share, signing out, changing the password and deleting the account on node 1 close sockets on node 2 with 4401', async (w) => {
  const [one, two] = (await startNodes(w, 2)).nodes as [Node, Node];
  const account = await signUp(one);
  const meeting = `meeting/${newMeetingId()}`;
  const ownerToken = await tokenFor(one.api, meeting, account.session);
  const share = await one.api('POST', '/api/shares', { meetingId: meeting.slice('meeting/'.length), role: 'view' }, account.session);
  const viewer = await admitted(w, two, meeting, share.json.token);
  await one.api('DELETE', `/api/shares/${share.json.shareId}`, undefined, account.session);
  await closedWith(viewer, CloseCode.unauthenticated);

  const second = await one.api('POST', '/api/sessions', { email: account.email, password: account.password });
  const signedOut = await admitted(w, two, meeting, await tokenFor(one.api, meeting, second.json.session));
  assert.is((await one.api('DELETE', '/api/sessions/current', undefined, second.json.session)).status, 204);
  await closedWith(signedOut, CloseCode.unauthenticated);

  const third = await one.api('POST', '/api/sessions', { email: account.email, password: account.password });
  const ended = await admitted(w, two, meeting, await tokenFor(one.api, meeting, third.json.session));
  const changed = await one.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: 'a brand new passphrase 42' }, account.session);
  assert.is(changed.status, 200, JSON.stringify(changed.json));
  await closedWith(ended, CloseCode.unauthenticated);

  const owner = await admitted(w, two, meeting, ownerToken);
  assert.is((await one.api('DELETE', '/api/accounts/current', undefined, account.session)).status, 204);
  await closedWith(owner, CloseCode.unauthenticated);
});

test('deleting a meeting on node 1 closes its sockets on node 2 with 4401, removes its rows and refuses it on both nodes', async (w) => {
  const { nodes, url } = await startNodes(w, 2);
  const [one, two] = nodes as [Node, Node];
  const account = await signUp(one);
  const meetingId = newMeetingId();
  const meeting = `meeting/${meetingId}`;
  const ownerToken = await tokenFor(one.api, meeting, account.session);
  const share = await one.api('POST', '/api/shares', { meetingId, role: 'view' }, account.session);
  const writer = await admitted(w, two, meeting, ownerToken);
  const viewer = await admitted(w, two, meeting, share.json.token);
  writer.ws.send(encodeUpdate(textUpdate('written on node 2')));
  const stored = await PostgresDocumentStore.open(url, 1);
  try {
    await waitFor(async () => (await stored.load(meeting)).rowCount > 0, 'the edit is stored');
    assert.is((await one.api('DELETE', `/api/meetings/${meetingId}`, undefined, account.session)).status, 204);
    await closedWith(writer, CloseCode.unauthenticated);
    await closedWith(viewer, CloseCode.unauthenticated);
    await waitFor(async () => (await stored.load(meeting)).rowCount === 0, 'no row of the deleted meeting is left');
  } finally {
    await stored.close();
  }
  for (const node of [one, two]) {
    const refused = await node.api('POST', '/api/tokens', { doc: meeting }, account.session);
    assert.equal([refused.status, refused.json.error.code], [410, 'meeting_deleted']);
    assert.is((await node.api('GET', '/api/meetings', undefined, account.session)).json.meetings.length, 0);
  }
  const late = rawClient(two.service.relay.url, meeting, ownerToken);
  w.sockets.push(late);
  assert.is((await late.closed).code, CloseCode.unauthenticated, 'node 2 refuses a socket with a token issued before');
});

/** A real PostgreSQL store whose appends can be held back, as a slow commit would be. */
function holdingAppends(inner: DocumentStore) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  const counts = { held: 0, finished: 0 };
  const store: DocumentStore = {
    load: (doc) => inner.load(doc),
    loadSince: (doc, seq) => inner.loadSince(doc, seq),
    async append(batches) {
      const waiting = gate;
      if (waiting === null) return inner.append(batches);
      counts.held += 1;
      await waiting;
      try {
        return await inner.append(batches);
      } finally {
        counts.finished += 1;
      }
    },
    compact: (doc, snapshot, upto) => inner.compact(doc, snapshot, upto),
    delete: (doc) => inner.delete(doc),
    list: (prefix) => inner.list(prefix),
    probeCommit: () => inner.probeCommit!(),
    close: () => inner.close(),
  };
  return {
    store,
    counts,
    hold: () => void (gate = new Promise<void>((resolve) => (open = resolve))),
    release: () => {
      gate = null;
      open();
    },
  };
}

test('deleting an account on node 1 leaves no row that a commit queued on node 2 writes back', async (w) => {
  const url = await w.cluster.createDatabase(`access_${++w.databases}`);
  const held = holdingAppends(await PostgresDocumentStore.open(url, 4));
  const [one, two] = (await startNodesOn(w, url, [undefined, held.store])) as [Node, Node];
  const account = await signUp(one);
  const meeting = `meeting/${newMeetingId()}`;
  const writer = await admitted(w, two, meeting, await tokenFor(one.api, meeting, account.session));
  writer.ws.send(encodeUpdate(textUpdate('kept before')));
  const stored = await PostgresDocumentStore.open(url, 1);
  try {
    await waitFor(async () => (await stored.load(meeting)).rowCount > 0, 'the first edit is stored');
    held.hold();
    writer.ws.send(encodeUpdate(textUpdate('queued on node 2')));
    await waitFor(() => held.counts.held === 1, 'node 2 holds a commit');
    assert.is((await one.api('DELETE', '/api/accounts/current', undefined, account.session)).status, 204);
    held.release();
    await waitFor(() => held.counts.finished === 1, 'the held commit went through');
    await waitFor(async () => (await stored.load(meeting)).rowCount === 0, 'no row of the deleted meeting is left');
  } finally {
    await stored.close();
  }
});

/** Two nodes; a meeting of an account made on node 1, shared view-only, open on node 2. */
async function viewerOnNodeTwo(w: World, access: Partial<AccessConfig> = {}) {
  const { nodes, url } = await startNodes(w, 2, access);
  const [one] = nodes as [Node, Node];
  const account = await signUp(one);
  const meeting = newMeetingId();
  await tokenFor(one.api, `meeting/${meeting}`, account.session);
  const share = await one.api('POST', '/api/shares', { meetingId: meeting, role: 'view' }, account.session);
  const viewer = await admitted(w, nodes[1]!, `meeting/${meeting}`, share.json.token);
  return { one, url, account, share, viewer };
}

test('a revocation sent while node 2 was not listening closes its socket once it listens again', async (w) => {
  const { one, url, account, share, viewer } = await viewerOnNodeTwo(w);
  const admin = new pg.Client({ connectionString: w.cluster.url });
  await admin.connect();
  const database = pg.escapeIdentifier(new URL(url).pathname.slice(1));
  try {
    // No new connection to the database, then node 2's revocation listener is cut: it cannot
    // come back until connections are allowed again (node 1 revokes on its pooled connections).
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'node2' AND query LIKE 'LISTEN%ltm_revocations%'", [new URL(url).pathname.slice(1)]);
    assert.is(cut.rowCount, 1, 'node 2 listened on one connection');
    assert.is((await one.api('DELETE', `/api/shares/${share.json.shareId}`, undefined, account.session)).status, 204);
  } finally {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await admin.end();
  }
  await closedWith(viewer, CloseCode.unauthenticated);
});

test('a revocation whose notice never came (committed, never notified) closes the socket at the next periodic re-check', async (w) => {
  const { url, share, viewer } = await viewerOnNodeTwo(w, { revocationRecheckMs: 300 });
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.is(viewer.ws.readyState, viewer.ws.OPEN, 'the re-checks leave a valid share open');
  // As if the revoking node died after its commit: the row says revoked, no node was told.
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('UPDATE shares SET revoked_at = $1 WHERE share_id = $2', [Date.now(), share.json.shareId]);
  } finally {
    await admin.end();
  }
  await closedWith(viewer, CloseCode.unauthenticated);
});

test('usage counts from both nodes add up in PostgreSQL, and a node keeps no SQLite database of its own', async (w) => {
  const { nodes, url } = await startNodes(w, 2);
  for (const node of nodes) {
    for (let i = 0; i < 3; i++) {
      const sent = await fetch(new URL(Routes.events, node.service.relay.httpUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
        body: JSON.stringify({ event: 'meeting_started', version: '1.2.0' }),
      });
      assert.ok(sent.ok, `event accepted by ${node.service.relay.httpUrl}`);
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT sum(count)::int AS n FROM usage_counts WHERE event = 'meeting_started'");
    assert.is(rows[0].n, 6);
  } finally {
    await client.end();
  }
  for (const node of nodes) {
    assert.is(node.service.db, null);
    assert.not.ok(readdirSync(node.dataDir).some((name) => name.startsWith('relay.sqlite')), 'no relay.sqlite in the node\'s data directory');
  }
});

test('two nodes claiming meetings for one account at once respect the cap', async (w) => {
  const nodes = (await startNodes(w, 2, { maxMeetingsPerAccount: 3 })).nodes;
  const account = await signUp(nodes[0]!);
  const claims = await Promise.all(
    Array.from({ length: 10 }, (_, i) => nodes[i % 2]!.api('POST', '/api/tokens', { doc: `meeting/${newMeetingId()}` }, account.session)),
  );
  assert.is(claims.filter((claim) => claim.status === 200).length, 3);
  assert.ok(claims.filter((claim) => claim.status !== 200).every((claim) => claim.json.error.code === 'meeting_limit'));
  assert.is((await nodes[1]!.api('GET', '/api/meetings', undefined, account.session)).json.meetings.length, 3);
});

test.run();
