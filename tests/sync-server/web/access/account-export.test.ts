import { unzipSync, strFromU8 } from 'fflate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { libraryRoots } from '../../../../crdt/library-doc.ts';
import { meetingRoots } from '../../../../crdt/meeting-doc.ts';
import { libraryFixture, meetingFixture, storeUpdates } from './account-fixtures.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('account export');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

async function download(session: string): Promise<{ response: Response; files: Record<string, Uint8Array> }> {
  const response = await fetch(`${h.base}/api/accounts/current/export`, { headers: { authorization: `Bearer ${session}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, files: response.status === 200 ? unzipSync(bytes) : {} };
}

function readable(doc: Y.Doc, kind: 'library' | 'meeting'): unknown {
  if (kind === 'library') libraryRoots(doc);
  else meetingRoots(doc);
  return doc.toJSON();
}

function json(files: Record<string, Uint8Array>, path: string): any {
  const file = files[path];
  assert.ok(file, `${path} is in the zip`);
  return JSON.parse(strFromU8(file));
}

test('the zip holds every document of the account, each loading back into a Y.Doc with the same state', async () => {
  const owner = await signUp(h);
  const other = await signUp(h);
  const ids = [newMeetingId(), newMeetingId()];
  const meetings = [meetingFixture(ids[0]!, 'Weekly sync'), meetingFixture(ids[1]!, 'Planning: Q3 / Q4')];
  const library = libraryFixture(meetings.map((m) => m.doc));
  for (const [i, id] of ids.entries()) {
    assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${id}` }, owner.session)).status, 200);
    await storeUpdates(h.store, `meeting/${id}`, meetings[i]!.updates);
  }
  await storeUpdates(h.store, `library/${owner.accountId}`, library.updates);
  const foreign = newMeetingId();
  await h.api('POST', '/api/tokens', { doc: `meeting/${foreign}` }, other.session);
  await storeUpdates(h.store, `meeting/${foreign}`, meetingFixture(foreign, 'Not yours').updates);
  const share = await h.api('POST', '/api/shares', { meetingId: ids[0], role: 'view' }, owner.session);

  const { response, files } = await download(owner.session);
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-type'), 'application/zip');
  assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="leavethemeeting-export-\d{4}-\d{2}-\d{2}\.zip"$/);
  assert.is(response.headers.get('cache-control'), 'no-store');

  const originals: [string, 'library' | 'meeting', Y.Doc][] = [
    [`documents/library/${owner.accountId}.json`, 'library', library.doc],
    ...ids.map((id, i): [string, 'meeting', Y.Doc] => [`documents/meeting/${id}.json`, 'meeting', meetings[i]!.doc]),
  ];
  const documentPaths = Object.keys(files).filter((p) => p.startsWith('documents/')).sort();
  assert.equal(documentPaths, originals.map(([p]) => p).sort(), "exactly the account's documents");
  for (const [path, kind, original] of originals) {
    const exported = json(files, path);
    assert.is(exported.name, path.slice('documents/'.length, -'.json'.length));
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Buffer.from(exported.update, 'base64'));
    assert.equal(Y.encodeStateVector(loaded), Y.encodeStateVector(original), `${path}: same state vector`);
    assert.equal(readable(loaded, kind), readable(original, kind), `${path}: same content`);
    assert.equal(exported.content, readable(original, kind), `${path}: readable content matches`);
  }

  const markdown = Object.keys(files).filter((p) => p.startsWith('meetings/')).sort();
  assert.equal(markdown, [`meetings/planning-q3-q4-${ids[1]}.md`, `meetings/weekly-sync-${ids[0]}.md`]);
  const minutes = strFromU8(files[`meetings/weekly-sync-${ids[0]}.md`]!);
  assert.match(minutes, /^# Weekly sync/);
  assert.match(minutes, /Weekly demos on Friday/);
  assert.match(minutes, /Write the release note/);

  const account = json(files, 'account.json');
  assert.equal(account.account, { accountId: owner.accountId, email: owner.email, name: account.account.name, createdAt: account.account.createdAt });
  assert.is(account.sessions.length, 1);
  assert.equal(account.meetings.map((m: { meetingId: string }) => m.meetingId).sort(), [...ids].sort());
  assert.equal(account.shares.map((s: { shareId: string }) => s.shareId), [share.json.shareId]);
  const text = Object.values(files).map((f) => strFromU8(f)).join('\n');
  assert.not.ok(text.includes(share.json.token), 'no share token');
  assert.not.ok(text.includes(owner.session), 'no session');
  assert.not.ok(/scrypt\$|password|token_hash|Not yours/.test(text), 'no hash, no password field, nothing of another account');
});

test('an account with nothing synced exports its records only; no session gets 401', async () => {
  const fresh = await signUp(h);
  const { response, files } = await download(fresh.session);
  assert.is(response.status, 200);
  assert.equal(Object.keys(files), ['account.json']);
  assert.is((await download('not-a-session')).response.status, 401);
});

test('GET /api/meetings lists owned meetings with their stored titles; GET /api/shares without a meeting lists all', async () => {
  const owner = await signUp(h);
  const [titled, empty] = [newMeetingId(), newMeetingId()];
  for (const id of [titled, empty]) await h.api('POST', '/api/tokens', { doc: `meeting/${id}` }, owner.session);
  await storeUpdates(h.store, `meeting/${titled}`, meetingFixture(titled, '<img src=x onerror=alert(1)>').updates);
  const shares = [
    await h.api('POST', '/api/shares', { meetingId: titled, role: 'view' }, owner.session),
    await h.api('POST', '/api/shares', { meetingId: empty, role: 'edit' }, owner.session),
  ];

  const list = await h.api('GET', '/api/meetings', undefined, owner.session);
  assert.is(list.status, 200);
  const byId = new Map(list.json.meetings.map((m: { meetingId: string; title: string | null }) => [m.meetingId, m.title]));
  assert.equal([...byId.keys()].sort(), [titled, empty].sort());
  assert.is(byId.get(titled), '<img src=x onerror=alert(1)>');
  assert.is(byId.get(empty), null);

  const all = await h.api('GET', '/api/shares', undefined, owner.session);
  assert.is(all.status, 200);
  assert.equal(
    all.json.shares.map((s: { shareId: string; meetingId: string }) => [s.shareId, s.meetingId]),
    [[shares[0]!.json.shareId, titled], [shares[1]!.json.shareId, empty]],
  );
  const stranger = await signUp(h);
  assert.equal((await h.api('GET', '/api/shares', undefined, stranger.session)).json.shares, []);
  assert.equal((await h.api('GET', '/api/meetings', undefined, stranger.session)).json.meetings, []);
  assert.is((await h.api('GET', '/api/meetings')).status, 401);
});

test.run();
