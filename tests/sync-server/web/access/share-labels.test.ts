// A share link's optional label: trimmed and stored with the link, answered by the create and
// the listing (null without one), refused with 400 invalid_label when too long or not a string
// (logged once, nothing stored), and added to a database made before labels by migration 2.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { databasePath, openDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../sync-server/data/migrations.ts';
import { applyMigrations, planMigrations, schemaVersion } from '../../../../sync-server/data/schema-migrations.ts';
import { SHARE_LABEL_MAX_LENGTH } from '../../../../wire/share-label.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('share link labels');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

async function ownedMeeting(): Promise<{ meetingId: string; session: string }> {
  const account = await signUp(h);
  const meetingId = newMeetingId();
  assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, account.session)).status, 200);
  return { meetingId, session: account.session };
}

async function labelsOf(meetingId: string, session: string): Promise<Map<string, string | null>> {
  const list = await h.api('GET', `/api/shares?meetingId=${meetingId}`, undefined, session);
  assert.is(list.status, 200);
  return new Map(list.json.shares.map((s: { shareId: string; label: string | null }) => [s.shareId, s.label]));
}

test('a label is trimmed, stored, and answered by the create and the listing; none is null', async () => {
  const { meetingId, session } = await ownedMeeting();
  const board = await h.api('POST', '/api/shares', { meetingId, role: 'view', label: '  For the board  ' }, session);
  assert.is(board.status, 201);
  assert.is(board.json.label, 'For the board');
  const plain = await h.api('POST', '/api/shares', { meetingId, role: 'view' }, session);
  assert.is(plain.json.label, null);
  const blank = await h.api('POST', '/api/shares', { meetingId, role: 'edit', label: '   ' }, session);
  assert.is(blank.json.label, null, 'a blank label is no label');
  assert.equal(
    await labelsOf(meetingId, session),
    new Map([
      [board.json.shareId, 'For the board'],
      [plain.json.shareId, null],
      [blank.json.shareId, null],
    ]),
  );
});

test('the longest label is taken, counted in characters, not UTF-16 units', async () => {
  const { meetingId, session } = await ownedMeeting();
  const longest = '🗓'.repeat(SHARE_LABEL_MAX_LENGTH);
  const share = await h.api('POST', '/api/shares', { meetingId, role: 'view', label: longest }, session);
  assert.is(share.status, 201);
  assert.is((await labelsOf(meetingId, session)).get(share.json.shareId), longest);
});

test('a label one character too long, or not a string, is 400 invalid_label, logged once, and stores nothing', async () => {
  const { meetingId, session } = await ownedMeeting();
  for (const label of ['x'.repeat(SHARE_LABEL_MAX_LENGTH + 1), 42, { text: 'board' }]) {
    const before = h.logs.filter((line) => line.includes('invalid_label')).length;
    const refused = await h.api('POST', '/api/shares', { meetingId, role: 'view', label }, session);
    assert.is(refused.status, 400);
    assert.is(refused.json.error.code, 'invalid_label');
    assert.is(h.logs.filter((line) => line.includes('invalid_label')).length, before + 1);
  }
  assert.match((await h.api('POST', '/api/shares', { meetingId, role: 'view', label: 'y'.repeat(SHARE_LABEL_MAX_LENGTH + 1) }, session)).json.error.message, String(SHARE_LABEL_MAX_LENGTH));
  assert.is((await labelsOf(meetingId, session)).size, 0, 'no link was made');
});

test('migration 2 adds the column to a database made before labels; its links have none', () => {
  const file = databasePath(h.dir).replace(/\.sqlite$/, '-v1.sqlite');
  const db = openDatabase(file);
  try {
    applyMigrations(db, planMigrations(db, MIGRATIONS.filter((m) => m.version === 1), file));
    assert.is(schemaVersion(db), 1);
    db.prepare("INSERT INTO shares (share_id, meeting_id, account_id, role, created_at, expires_at) VALUES ('s1', 'm1', 'a1', 'view', 1, 2)").run();
    applyMigrations(db, planMigrations(db, MIGRATIONS, file));
    assert.is(schemaVersion(db), SCHEMA_VERSION);
    assert.equal(db.prepare('SELECT share_id, label FROM shares').all(), [{ share_id: 's1', label: null }]);
  } finally {
    db.close();
  }
});

test.run();
