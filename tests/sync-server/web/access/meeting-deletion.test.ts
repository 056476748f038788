// DELETE /api/meetings/<id> on a real relay with its SQLite file: the owner's deletion removes
// every row of the meeting (a tombstone of its id apart), closes its sockets with 4401, refuses
// its share links and owner tokens afterwards (410 / 4401), frees the meeting cap, and leaves
// other meetings alone; a non-owner gets 403, an unknown meeting 404. A deletion interrupted after
// its commit is finished at the next start.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../../../../sync-server/config.ts';
import { createLogger } from '../../../../sync-server/logger.ts';
import { startRelayService, type RelayService } from '../../../../sync-server/relay-service.ts';
import { encodeUpdate } from '../../../../sync-server/relay/protocol/messages.ts';
import { CloseCode } from '../../../../wire/close-codes.ts';
import { SocketRefusal } from '../../../../wire/socket-refusals.ts';
import { textUpdate } from '../../helpers/frames.ts';
import { admittedClient, makeTempDir, rawClient, waitFor, type RawClient } from '../../helpers/relay-harness.ts';
import type { AccountId } from '../../../../sync-server/web/access/access-ids.ts';
import { createSqliteAccessRecords } from '../../../../sync-server/web/access/sqlite-access-records.ts';
import { apiClient, newMeetingId, signUp, testConfig, tokenFor, type ApiCall } from './access-harness.ts';

interface World {
  dir: string;
  service: RelayService;
  api: ApiCall;
  raws: RawClient[];
  logs: string[];
}

const test = suite<World>('meeting deletion', {} as World);

async function start(w: World): Promise<void> {
  const logger = createLogger('info', { write: (line: string) => void w.logs.push(line) });
  w.service = await startRelayService(resolveConfig({ port: 0, host: '127.0.0.1', dataDir: w.dir }), { logger, access: { ...testConfig, maxMeetingsPerAccount: 2 } });
  w.api = apiClient(w.service.relay.httpUrl);
}

test.before(async (w) => {
  w.dir = makeTempDir();
  w.logs = [];
  w.raws = [];
  await start(w);
});

test.after(async (w) => {
  for (const raw of w.raws) raw.ws.terminate();
  await w.service.close();
  rmSync(w.dir, { recursive: true, force: true });
});


async function admitted(w: World, doc: string, token: string): Promise<RawClient> {
  const client = await admittedClient(w.service.relay.url, doc, token);
  w.raws.push(client);
  return client;
}

/** Rows of any table of the SQLite file that mention the value. */
function rowsMentioning(w: World, value: string): Record<string, number> {
  const db = w.service.db!;
  const found: Record<string, number> = {};
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]) {
    const columns = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
    const where = columns.map((c) => `CAST(${c} AS TEXT) LIKE '%' || ? || '%'`).join(' OR ');
    const { n } = db.prepare(`SELECT count(*) AS n FROM ${name} WHERE ${where}`).get(...columns.map(() => value)) as { n: number };
    if (n > 0) found[name] = n;
  }
  return found;
}

test('the owner deletes a meeting: its rows go, its sockets close with 4401, its links and tokens are refused', async (w) => {
  const owner = await signUp({ api: w.api });
  const [meetingId, keptId] = [newMeetingId(), newMeetingId()];
  const [doc, kept] = [`meeting/${meetingId}`, `meeting/${keptId}`];
  const ownerToken = await tokenFor(w.api, doc, owner.session);
  await tokenFor(w.api, kept, owner.session);
  const share = await w.api('POST', '/api/shares', { meetingId, role: 'view' }, owner.session);
  const writer = await admitted(w, doc, ownerToken);
  const viewer = await admitted(w, doc, share.json.token);
  writer.ws.send(encodeUpdate(textUpdate('the secret plan')));
  await waitFor(async () => (await w.service.store.load(doc)).rowCount > 0, 'the edit is stored');
  const codes: number[] = [];
  for (const client of [writer, viewer]) void client.closed.then(({ code }) => codes.push(code));
  assert.is((await w.api('POST', '/api/tokens', { doc: `meeting/${newMeetingId()}` }, owner.session)).json.error.code, 'meeting_limit', 'the cap is reached');

  assert.is((await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, owner.session)).status, 204);

  await waitFor(() => codes.length === 2, 'both sockets close');
  assert.equal(codes, [CloseCode.unauthenticated, CloseCode.unauthenticated]);
  assert.equal(rowsMentioning(w, meetingId), { deleted_meetings: 1 }, 'only the tombstone names the meeting');
  assert.ok(Object.keys(rowsMentioning(w, keptId)).length > 0, 'the other meeting is kept');
  const again = await w.api('POST', '/api/tokens', { doc }, owner.session);
  assert.equal([again.status, again.json.error.code], [410, 'meeting_deleted'], 'a stale device cannot claim it again');
  for (const token of [ownerToken, share.json.token]) {
    assert.equal(await w.service.access.authorizeSocket(doc, token, Date.now()), { ok: false, code: CloseCode.unauthenticated, reason: SocketRefusal.meetingDeleted });
  }
  const refused = rawClient(w.service.relay.url, doc, ownerToken);
  w.raws.push(refused);
  assert.is((await refused.closed).code, CloseCode.unauthenticated, 'a socket with a token issued before is refused');
  assert.is((await w.api('POST', '/api/tokens', { doc: `meeting/${newMeetingId()}` }, owner.session)).status, 200, 'the ownership no longer counts toward the cap');
  const twice = await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, owner.session);
  assert.equal([twice.status, twice.json.error.code], [410, 'meeting_deleted']);
  assert.ok(w.logs.some((line) => line.includes('"meeting deleted"') && line.includes(meetingId)));
});

test('a non-owner is refused with 403, an unknown meeting is 404, a malformed id 400', async (w) => {
  const owner = await signUp({ api: w.api });
  const stranger = await signUp({ api: w.api });
  const meetingId = newMeetingId();
  await tokenFor(w.api, `meeting/${meetingId}`, owner.session);
  const forbidden = await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, stranger.session);
  assert.equal([forbidden.status, forbidden.json.error.code], [403, 'forbidden']);
  assert.is((await w.api('DELETE', `/api/meetings/${newMeetingId()}`, undefined, owner.session)).status, 404);
  assert.is((await w.api('DELETE', '/api/meetings/short', undefined, owner.session)).status, 400);
  assert.is((await w.api('DELETE', `/api/meetings/${meetingId}`)).status, 401);
  assert.is((await w.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, owner.session)).status, 200, 'the meeting is untouched');
});

test('a deletion interrupted after its commit is finished at the next start', async (w) => {
  const owner = await signUp({ api: w.api });
  const meetingId = newMeetingId();
  const doc = `meeting/${meetingId}`;
  await admitted(w, doc, await tokenFor(w.api, doc, owner.session)).then((c) => c.ws.send(encodeUpdate(textUpdate('left behind'))));
  await waitFor(async () => (await w.service.store.load(doc)).rowCount > 0, 'the edit is stored');
  for (const raw of w.raws) raw.ws.terminate();
  // What the transaction leaves when the process dies right after it: the store still has the rows.
  const deleted = await createSqliteAccessRecords(w.service.db!).deleteMeeting(meetingId, owner.accountId as AccountId, Date.now());
  assert.equal(deleted, { kind: 'deleted', shares: [] });
  await w.service.close();
  await start(w);
  await waitFor(async () => (await w.service.store.load(doc)).rowCount === 0, 'the rows are gone after the restart');
  assert.equal(rowsMentioning(w, meetingId), { deleted_meetings: 1 });
});

test.run();
