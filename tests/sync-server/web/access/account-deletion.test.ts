import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { ACCESS_TABLES } from '../../../../sync-server/web/access/access-schema.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('account deletion');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

function someUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Every table of the SQLite file (access, documents, anything added later), read directly. */
function allTables(): string[] {
  const rows = h.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return rows.map((row) => row.name);
}

function rowsMentioning(value: string): number {
  let total = 0;
  for (const table of allTables()) {
    const columns = (h.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const where = columns.map((c) => `CAST(${c} AS TEXT) LIKE '%' || ? || '%'`).join(' OR ');
    const row = h.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...columns.map(() => value)) as { n: number };
    total += row.n;
  }
  return total;
}

test('deleting an account removes its rows, its library and its meetings, and revokes everything', async () => {
  const doomed = await signUp(h);
  const survivor = await signUp(h);
  const library = `library/${doomed.accountId}`;
  const meetings = [newMeetingId(), newMeetingId()];
  for (const id of meetings) await h.api('POST', '/api/tokens', { doc: `meeting/${id}` }, doomed.session);
  const share = await h.api('POST', '/api/shares', { meetingId: meetings[0], role: 'view' }, doomed.session);
  const libraryToken = (await h.api('POST', '/api/tokens', { doc: library }, doomed.session)).json.token;
  const otherMeeting = `meeting/${newMeetingId()}`;
  await h.api('POST', '/api/tokens', { doc: otherMeeting }, survivor.session);
  await h.store.append([library, ...meetings.map((id) => `meeting/${id}`), otherMeeting, `library/${survivor.accountId}`].map((doc) => ({ doc, updates: [someUpdate(doc)] })));
  assert.ok(rowsMentioning(doomed.accountId) > 0);
  const evicted: { docs: readonly string[]; libraryRowsThen: number }[] = [];
  const stopEvicting = h.gate.onDeletingDocuments?.(async (docs) => {
    evicted.push({ docs: [...docs].sort(), libraryRowsThen: (await h.store.load(library)).rowCount });
  });

  assert.is((await h.api('DELETE', '/api/accounts/current', undefined, doomed.session)).status, 204);
  stopEvicting?.();
  assert.equal(evicted, [{ docs: [library, ...meetings.map((id) => `meeting/${id}`)].sort(), libraryRowsThen: 1 }], 'rooms are evicted before the store deletes');

  assert.ok(ACCESS_TABLES.every((table) => allTables().includes(table)) && allTables().includes('updates'));
  assert.is(rowsMentioning(doomed.accountId), 0, 'no row of any table mentions the account');
  assert.is(rowsMentioning(doomed.email), 0, 'no row of any table holds its email');
  for (const id of meetings) assert.is(rowsMentioning(id), 0, 'no row of any table mentions its meetings');
  for (const doc of [library, ...meetings.map((id) => `meeting/${id}`)]) {
    assert.is((await h.store.load(doc)).rowCount, 0, doc);
  }
  assert.is((await h.store.load(otherMeeting)).rowCount, 1, "another account's meeting is kept");
  assert.is((await h.store.load(`library/${survivor.accountId}`)).rowCount, 1, "another account's library is kept");
  assert.ok(h.revoked.includes(`account:${doomed.accountId}`));

  assert.is((await h.api('GET', '/api/accounts/current', undefined, doomed.session)).status, 401);
  assert.is((await h.api('POST', '/api/sessions', { email: doomed.email, password: doomed.password })).status, 401);
  assert.equal(await h.gate.authorizeSocket(library, libraryToken, Date.now()), { ok: false, code: 4401, reason: 'revoked token: the account was deleted' });
  assert.not.ok((await h.gate.authorizeSocket(`meeting/${meetings[0]}`, share.json.token, Date.now())).ok);
  assert.is((await h.api('GET', '/api/accounts/current', undefined, survivor.session)).status, 200);
});

test('the email of a deleted account can sign up again, as a new account', async () => {
  const first = await signUp(h);
  await h.api('DELETE', '/api/accounts/current', undefined, first.session);
  const again = await h.api('POST', '/api/accounts', { email: first.email, password: first.password, name: 'again' });
  assert.is(again.status, 201);
  assert.is.not(again.json.accountId, first.accountId);
});

test('document deletions left pending by an interrupted run are finished at the next start', async () => {
  const doc = `meeting/${newMeetingId()}`;
  await h.store.append([{ doc, updates: [someUpdate('left behind')] }]);
  h.db.prepare('INSERT INTO pending_document_deletions (doc, requested_at) VALUES (?, ?)').run(doc, Date.now());
  h.reopenGate();
  for (let i = 0; i < 100 && (await h.store.load(doc)).rowCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.is((await h.store.load(doc)).rowCount, 0);
  const pending = h.db.prepare('SELECT count(*) AS n FROM pending_document_deletions').get() as { n: number };
  assert.is(pending.n, 0);
});

test.run();
