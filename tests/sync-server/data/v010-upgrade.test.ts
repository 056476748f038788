// Upgrade from v0.1.0: today's relay (as a child process) starts on a data directory
// the v0.1.0 relay wrote (tests/fixtures/relay-v0.1.0), migrates it after an automatic backup,
// and serves everything it held: passwords sign in, sessions work, a signed-out session stays
// out, documents load for their owners only, a live share link opens its meeting and a revoked
// one is refused, and sign-ups and usage counts are still there. A database from a newer relay
// is refused with SchemaTooNewError and left untouched.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { libraryView } from '../../../crdt/library-view.ts';
import { meetingView } from '../../../crdt/meeting-view.ts';
import { AUTOMATIC_BACKUPS_DIR } from '../../../sync-server/data/data-backup.ts';
import { SCHEMA_VERSION } from '../../../sync-server/data/migrations.ts';
import { CloseCode } from '../../../wire/close-codes.ts';
import { waitFor } from '../helpers/relay-harness.ts';
import { destroyProvider, stockProvider } from '../helpers/stock-provider.ts';
import { spawnRelay, RelayStartError } from '../helpers/relay-process.ts';
import { apiClient } from '../web/access/access-harness.ts';
import { copyFixtureData, v010Facts } from './data-fixture.ts';

const facts = v010Facts();
const KEEP_SIGN_UPS_MS = 100 * 365 * 24 * 3600 * 1000;
const REPO = join(import.meta.dirname, '..', '..', '..');

interface Opened {
  readonly doc: Y.Doc;
  readonly closes: number[];
  readonly provider: WebsocketProvider;
}

function open(url: string, doc: string, token: string): Opened {
  const provider = stockProvider(url, doc, token);
  const ydoc = provider.doc;
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { doc: ydoc, closes, provider };
}

function destroy(opened: Opened): void {
  destroyProvider(opened.provider);
}

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

const test = suite('upgrade from v0.1.0');

test('the relay starts on a v0.1.0 data directory with every account, document, share, sign-up and count intact', async () => {
  const dataDir = copyFixtureData();
  // Built by the composition root as main builds it; sign-ups are kept beyond the default 7 days,
  // so the fixture's (made once) are not swept as expired once it is older than that.
  const relay = await spawnRelay({ dataDir, overrides: {}, websiteOverrides: { signUpRetentionMs: KEEP_SIGN_UPS_MS } });
  const opened: Opened[] = [];
  try {
    const api = apiClient(relay.httpUrl);
    // Migrated, after a copy of the v0.1.0 database was taken.
    assert.ok(relay.lines.some((line) => line.includes('database schema migrated')), 'no migration logged');
    const backups = readdirSync(join(dataDir, AUTOMATIC_BACKUPS_DIR));
    assert.is(backups.length, 1);
    assert.match(backups[0]!, /^relay-v0-.*\.sqlite$/);
    assert.is(userVersion(join(dataDir, AUTOMATIC_BACKUPS_DIR, backups[0]!)), 0);

    // Passwords and sessions.
    for (const person of [facts.alice, facts.bob]) {
      const signIn = await api('POST', '/api/sessions', { email: person.email, password: person.password });
      assert.is(signIn.status, 200, JSON.stringify(signIn.json));
      assert.is(signIn.json.accountId, person.accountId);
      assert.is((await api('POST', '/api/sessions', { email: person.email, password: `${person.password}!` })).status, 401);
    }
    const [aliceSession] = facts.alice.sessions;
    for (const session of facts.alice.sessions) {
      assert.is((await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, session)).status, 200);
    }
    assert.is((await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, facts.alice.signedOutSession)).status, 401);

    // Documents and ownership.
    const meetingDoc = `meeting/${facts.aliceMeeting.id}`;
    const meetingToken = await api('POST', '/api/tokens', { doc: meetingDoc }, aliceSession);
    assert.is(meetingToken.json.role, 'owner');
    assert.is((await api('POST', '/api/tokens', { doc: `meeting/${facts.bobMeeting.id}` }, aliceSession)).status, 403);
    const bobToken = await api('POST', '/api/tokens', { doc: `meeting/${facts.bobMeeting.id}` }, facts.bob.sessions[0]);
    assert.is(bobToken.json.role, 'owner');
    const libraryToken = await api('POST', '/api/tokens', { doc: facts.aliceLibrary.doc }, aliceSession);

    const meeting = open(relay.url, meetingDoc, meetingToken.json.token);
    const bobMeeting = open(relay.url, `meeting/${facts.bobMeeting.id}`, bobToken.json.token);
    const library = open(relay.url, facts.aliceLibrary.doc, libraryToken.json.token);
    const viewer = open(relay.url, meetingDoc, facts.liveShare.token);
    opened.push(meeting, bobMeeting, library, viewer);
    await waitFor(() => opened.every((o) => o.provider.synced), 'documents synced');
    const view = meetingView(meeting.doc, Date.now());
    assert.is(view.title, facts.aliceMeeting.title);
    assert.equal(view.items.map((item) => item.title), facts.aliceMeeting.items);
    assert.is(view.notes, facts.aliceMeeting.notes);
    assert.is(meetingView(bobMeeting.doc, Date.now()).title, facts.bobMeeting.title);
    assert.equal(libraryView(library.doc).meetings.map((m) => m.id), facts.aliceLibrary.meetings);
    assert.is(meetingView(viewer.doc, Date.now()).title, facts.aliceMeeting.title);

    // The revoked share link stays revoked; the owner's list shows both links as they were.
    const revoked = open(relay.url, meetingDoc, facts.revokedShare.token);
    opened.push(revoked);
    await waitFor(() => revoked.closes.length > 0, 'revoked link refused');
    assert.is(revoked.closes[0], CloseCode.unauthenticated);
    destroy(revoked);
    const shares = await api('GET', `/api/shares?meetingId=${facts.aliceMeeting.id}`, undefined, aliceSession);
    assert.is(shares.status, 200, JSON.stringify(shares.json));
    const byId = new Map((shares.json.shares as { shareId: string; revokedAt: number | null; label: string | null }[]).map((s) => [s.shareId, s]));
    assert.is(byId.get(facts.liveShare.shareId)?.revokedAt, null);
    assert.is(byId.get(facts.liveShare.shareId)?.label, null, 'a link made before labels existed has none');
    assert.type(byId.get(facts.revokedShare.shareId)?.revokedAt, 'number');

    for (const o of opened) destroy(o);
    assert.equal(await relay.stop(), { code: 0, signal: null });

    // Sign-ups, usage counts and the schema version, read from the file the relay left.
    const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
    try {
      const emails = (db.prepare('SELECT email FROM signups ORDER BY email').all() as { email: string }[]).map((r) => r.email);
      assert.equal(emails, facts.signups);
      const counts = db.prepare('SELECT event, version, count FROM usage_counts ORDER BY event').all();
      assert.equal(counts, [...facts.usageCounts].sort((a, b) => a.event.localeCompare(b.event)));
      assert.is(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    } finally {
      db.close();
    }
    assert.is(readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').length, facts.signups.length);
  } finally {
    for (const o of opened) destroy(o);
    if (relay.child.exitCode === null) await relay.kill();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test('a database newer than the relay knows is refused with SchemaTooNewError and left as it was', async () => {
  const dataDir = copyFixtureData();
  const file = join(dataDir, 'relay.sqlite');
  try {
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    let refusal: unknown = null;
    await spawnRelay({ dataDir }).then((relay) => relay.kill(), (error: unknown) => (refusal = error));
    assert.instance(refusal, RelayStartError);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--data', dataDir], { cwd: REPO, encoding: 'utf8' });
    assert.is(check.status, 1);
    const line = JSON.parse(check.stderr.trim()) as { err: string };
    assert.match(line.err, new RegExp(`^SchemaTooNewError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has schema version ${SCHEMA_VERSION + 1}, newer than this relay knows \\(${SCHEMA_VERSION}\\)`));
    assert.ok(readFileSync(file).equals(before), 'the refused database was changed');
    assert.not.ok(readdirSync(dataDir).includes(AUTOMATIC_BACKUPS_DIR), 'a refused start took a backup');
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test.run();
