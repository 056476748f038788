// Access control wired into the real relay: stock y-websocket providers and raw ws clients
// against startRelay, with the production access gate on a real SQLite file. A library entry
// deleted for good leaves the relay's stored rows at once (the gate's erasure watch).
import { rmSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AccessGate } from '../../../../sync-server/relay/access-gate.ts';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { resolveConfig } from '../../../../sync-server/config.ts';
import { startRelayService, type RelayService } from '../../../../sync-server/relay-service.ts';
import { createLogger } from '../../../../sync-server/logger.ts';
import { startRelay, type Relay } from '../../../../sync-server/relay/relay.ts';
import { type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { encodeSyncStep1 } from '../../../../sync-server/relay/protocol/messages.ts';
import { isStep2Frame } from '../../helpers/frames.ts';
import { makeTempDir, rawClient, waitFor, type RawClient } from '../../helpers/relay-harness.ts';
import { deleteForever, moveToTrash } from '../../../../crdt/index.ts';
import { addEntry, eraseEntry, libraryRows } from '../../helpers/library-entries.ts';
import { meetingFixture } from './account-fixtures.ts';
import { apiClient, newMeetingId, signUp, testConfig, tokenFor, type ApiCall } from './access-harness.ts';

interface World {
  dir: string;
  db: SqliteDatabase;
  service: RelayService;
  gate: AccessGate;
  relay: Relay;
  api: ApiCall;
  providers: WebsocketProvider[];
  raws: RawClient[];
  logs: string[];
}

const test = suite<World>('access through the relay', {} as World);

test.before(async (w) => {
  w.dir = makeTempDir();
  w.logs = [];
  const logger = createLogger('debug', { write: (line: string) => void w.logs.push(line) });
  w.service = await startRelayService(resolveConfig({ port: 0, host: '127.0.0.1', dataDir: w.dir }), { logger, access: testConfig });
  ({ access: w.gate, relay: w.relay } = w.service);
  w.db = w.service.db!;
  w.api = apiClient(w.relay.httpUrl);
  w.providers = [];
  w.raws = [];
});

/** Each test's clients go when it ends: a y-websocket provider holds a process 'exit' listener
 *  until it is destroyed, and a suite that kept them all would pile them up. */
function closeClients(w: World): void {
  for (const provider of w.providers.splice(0)) {
    provider.awareness.destroy();
    provider.destroy();
  }
  for (const raw of w.raws.splice(0)) raw.ws.terminate();
}

test.after.each((w) => closeClients(w));

test.after(async (w) => {
  closeClients(w);
  await w.service.close();
  rmSync(w.dir, { recursive: true, force: true });
});

function provider(w: World, doc: string, token: string, ydoc = new Y.Doc()): WebsocketProvider {
  const made = new WebsocketProvider(w.relay.url, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  w.providers.push(made);
  return made;
}

function raw(w: World, doc: string, token: string): RawClient {
  const client = rawClient(w.relay.url, doc, token);
  w.raws.push(client);
  return client;
}


/** The document's stored rows as text, so a test can search them for a title. */
function storedText(w: World, doc: string): string {
  return (w.db.prepare('SELECT data FROM updates WHERE doc = ?').all(doc) as { data: Buffer }[]).map((row) => row.data.toString('utf8')).join('\n');
}

/** The relay still serves the socket: a sync step 1 sent now gets its step 2. Whether a close
 *  frame already arrived depends on timing; an answer does not. */
async function stillAnswered(client: RawClient): Promise<void> {
  const answers = () => client.received.filter(isStep2Frame).length;
  const before = answers();
  client.ws.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => answers() > before, 'the relay still answers the kept socket');
}

const synced = (p: WebsocketProvider) => new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())));

test('a stock provider syncs a library through the relay, and another session of the account sees it', async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const first = provider(w, doc, await tokenFor(w.api, doc, account.session));
  first.doc.getText('notes').insert(0, 'hello');
  const second = (await w.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session;
  const other = provider(w, doc, await tokenFor(w.api, doc, second));
  await waitFor(() => other.doc.getText('notes').toString() === 'hello', 'the second session receives the library');
});

test('a library entry deleted for good is compacted out of the stored rows at once; a trashed one stays', async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const client = provider(w, doc, await tokenFor(w.api, doc, account.session));
  await synced(client);
  const entry = (title: string) => addEntry(client.doc, title);
  const secret = entry('Board secrets');
  const kept = entry('Kept in the trash');
  for (let i = 0; i < 5; i++) entry(`Weekly ${i}`);
  await waitFor(() => storedText(w, doc).includes('Weekly 4'), 'the entries are stored');
  moveToTrash(client.doc, { kind: 'meeting', id: secret }, Date.now());
  moveToTrash(client.doc, { kind: 'meeting', id: kept }, Date.now());
  const storedVector = () => {
    const stored = new Y.Doc();
    for (const row of w.db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY seq').all(doc) as { data: Buffer }[]) Y.applyUpdate(stored, row.data);
    return Buffer.from(Y.encodeStateVector(stored)).toString('hex');
  };
  await waitFor(() => storedVector() === Buffer.from(Y.encodeStateVector(client.doc)).toString('hex'), 'the trash moves are stored');
  assert.ok(storedText(w, doc).includes('Board secrets'), 'in the trash, the entry is still stored');
  deleteForever(client.doc, { kind: 'meeting', id: secret });
  await waitFor(() => !storedText(w, doc).includes('Board secrets'), 'the deleted entry leaves the stored rows');
  assert.ok(storedText(w, doc).includes('Kept in the trash'), 'what is only in the trash stays');
  assert.ok(storedText(w, doc).includes('Weekly 4'));
});

test('a library whose stored rows still carry an entry removed for good is compacted when its room loads', async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  // Rows as an earlier version left them: the entry, then its removal, never compacted.
  const rows = libraryRows((old) => eraseEntry(old, addEntry(old, 'Old secret')));
  await w.service.store.append([{ doc, updates: rows }]);
  assert.ok(storedText(w, doc).includes('Old secret'));
  await synced(provider(w, doc, await tokenFor(w.api, doc, account.session)));
  await waitFor(() => !storedText(w, doc).includes('Old secret'), 'the removed entry leaves the rows after the load');
});

test('a library whose removals a compaction already covered is not compacted again when its room loads', async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const client = provider(w, doc, await tokenFor(w.api, doc, account.session));
  await synced(client);
  const storedRows = async () => (await w.service.store.load(doc)).updates.map((row) => Buffer.from(row).toString('utf8'));
  const entry = (title: string) => addEntry(client.doc, title);
  const removed = entry('Removed before');
  await waitFor(async () => (await storedRows()).some((row) => row.includes('Removed before')), 'the entry is stored');
  eraseEntry(client.doc, removed);
  await waitFor(async () => (await storedRows()).length === 1 && !(await storedRows())[0]!.includes('Removed before'), 'the removal is compacted away');
  entry('Added after');
  await waitFor(async () => (await storedRows()).length === 2, 'a later row follows the snapshot');

  await w.relay.rooms.get(doc)!.shutdown();
  entry('Added after the reload');
  await waitFor(async () => (await storedRows()).some((row) => row.includes('Added after the reload')), 'the reloaded room stores the next edit');
  assert.is((await storedRows()).length, 3, 'no compaction at the load: the snapshot and both later rows stay');
});

test("revoking a share link closes the viewer's open socket with 4401 and refuses it afterwards", async (w) => {
  const owner = await signUp(w);
  const meetingId = newMeetingId();
  await tokenFor(w.api, `meeting/${meetingId}`, owner.session);
  const share = await w.api('POST', '/api/shares', { meetingId, role: 'view' }, owner.session);
  const viewer = raw(w, `meeting/${meetingId}`, share.json.token);
  await viewer.opened;
  assert.is((await w.api('DELETE', `/api/shares/${share.json.shareId}`, undefined, owner.session)).status, 204);
  assert.is((await viewer.closed).code, CloseCode.unauthenticated);
  const again = raw(w, `meeting/${meetingId}`, share.json.token);
  assert.equal(await again.closed, { code: CloseCode.unauthenticated, reason: 'revoked token: the share link was revoked' });
});

test("signing out closes the sockets of that session's tokens and no other", async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const second = (await w.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session;
  const signedOut = raw(w, doc, await tokenFor(w.api, doc, account.session));
  const kept = raw(w, doc, await tokenFor(w.api, doc, second));
  await Promise.all([signedOut.opened, kept.opened]);
  assert.is((await w.api('DELETE', '/api/sessions/current', undefined, account.session)).status, 204);
  assert.is((await signedOut.closed).code, CloseCode.unauthenticated);
  assert.is(kept.ws.readyState, WebSocket.OPEN);
  await stillAnswered(kept);
});

test('deleting an account closes its sockets and viewers, and its meeting is gone even from memory', async (w) => {
  const owner = await signUp(w);
  const meetingId = newMeetingId();
  const doc = `meeting/${meetingId}`;
  const writer = provider(w, doc, await tokenFor(w.api, doc, owner.session));
  const closes: number[] = [];
  writer.on('connection-close', (event) => closes.push(event?.code ?? 0));
  await synced(writer);
  writer.doc.getText('notes').insert(0, 'private notes');
  const share = await w.api('POST', '/api/shares', { meetingId, role: 'view' }, owner.session);
  const viewer = raw(w, doc, share.json.token);
  await viewer.opened;
  await waitFor(async () => (await w.relay.store.load(doc)).rowCount > 0, 'the notes are stored');

  assert.is((await w.api('DELETE', '/api/accounts/current', undefined, owner.session)).status, 204);
  assert.is((await viewer.closed).code, CloseCode.unauthenticated);
  await waitFor(() => closes.includes(CloseCode.unauthenticated), "the owner's provider is closed with 4401");
  writer.disconnect();
  assert.is((await w.relay.store.load(doc)).rowCount, 0);

  const newcomer = await signUp(w);
  const fresh = provider(w, doc, await tokenFor(w.api, doc, newcomer.session));
  await synced(fresh);
  assert.is(fresh.doc.getText('notes').toString(), '', 'the relay does not serve the deleted meeting from a loaded room');
});

test("changing the password closes the other sessions' sockets and keeps this one's", async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const second = (await w.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session;
  const kept = raw(w, doc, await tokenFor(w.api, doc, account.session));
  const ended = raw(w, doc, await tokenFor(w.api, doc, second));
  await Promise.all([kept.opened, ended.opened]);
  const change = { currentPassword: account.password, newPassword: 'another good passphrase' };
  assert.is((await w.api('POST', '/api/accounts/current/password', change, account.session)).status, 200);
  assert.is((await ended.closed).code, CloseCode.unauthenticated);
  assert.is(kept.ws.readyState, WebSocket.OPEN);
  await stillAnswered(kept);
});

test('a live meeting exports with every edit the relay acknowledged, while its room is open', async (w) => {
  const owner = await signUp(w);
  const meetingId = newMeetingId();
  const doc = `meeting/${meetingId}`;
  const writer = provider(w, doc, await tokenFor(w.api, doc, owner.session));
  const watcher = provider(w, doc, await tokenFor(w.api, doc, owner.session));
  await Promise.all([synced(writer), synced(watcher)]);
  for (const update of meetingFixture(meetingId, 'Live meeting').updates) Y.applyUpdate(writer.doc, update);
  const sameState = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
  // The relay broadcasts only what it has committed, so the watcher having it means it is stored.
  await waitFor(() => sameState(watcher.doc, writer.doc), 'the watcher receives every edit');
  assert.ok(w.relay.rooms.get(doc), 'the room is still live');

  const response = await fetch(`${w.relay.httpUrl}/api/accounts/current/export`, { headers: { authorization: `Bearer ${owner.session}` } });
  assert.is(response.status, 200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const exported = JSON.parse(strFromU8(files[`documents/meeting/${meetingId}.json`]!));
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, Buffer.from(exported.update, 'base64'));
  assert.ok(sameState(loaded, writer.doc), 'the export holds the live state');
  assert.ok(Object.keys(files).includes(`meetings/live-meeting-${meetingId}.md`));
});

test('no log line carries a password, a session or a token, refusals included', async (w) => {
  const account = await signUp(w);
  const secrets = [account.password, account.session];
  await w.api('POST', '/api/sessions', { email: account.email, password: 'a wrong password' });
  const meetingId = newMeetingId();
  const token = await tokenFor(w.api, `meeting/${meetingId}`, account.session);
  const share = await w.api('POST', '/api/shares', { meetingId, role: 'edit' }, account.session);
  secrets.push('a wrong password', token, share.json.token);
  const forged = `${token.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`;
  secrets.push(forged);
  assert.is((await raw(w, `meeting/${meetingId}`, forged).closed).code, CloseCode.unauthenticated);
  assert.is((await raw(w, `meeting/${newMeetingId()}`, token).closed).code, CloseCode.forbidden);
  await w.api('DELETE', `/api/shares/${share.json.shareId}`, undefined, account.session);
  await w.api('POST', '/api/accounts/current/password', { currentPassword: 'a wrong guess', newPassword: 'a secret new one' }, account.session);
  await w.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: 'a secret new one' }, account.session);
  secrets.push('a wrong guess', 'a secret new one');
  await w.api('POST', '/api/tokens', { doc: 'meeting/bad' }, account.session);
  await w.api('DELETE', '/api/accounts/current', undefined, account.session);
  await w.api('GET', '/api/accounts/current', undefined, account.session);
  const text = w.logs.join('');
  assert.ok(text.includes('api request refused') && text.includes('socket refused'), 'refusals were logged');
  for (const secret of secrets) assert.not.ok(text.includes(secret), 'a secret reached the log');
});

test.run();
