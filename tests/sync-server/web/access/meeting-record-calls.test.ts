// A meeting token request and a meeting deletion each let one records transaction decide: no
// tombstone or owner read before it, none after it. The gate runs on real PostgreSQL records (a
// database on the run's shared server), watched by a call counter that passes everything through,
// and is reached over real HTTP; the answers (and their codes) are those the routes always gave.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../../../sync-server/logger.ts';
import { MemoryDocumentStore } from '../../../../sync-server/relay/storage/memory-document-store.ts';
import type { AccessRecords } from '../../../../sync-server/web/access/access-records.ts';
import { createAccessGate } from '../../../../sync-server/web/access/create-access-gate.ts';
import { openPostgresAccess, type PostgresAccess } from '../../../../sync-server/web/access/postgres-access.ts';
import type { AccessGate } from '../../../../sync-server/relay/access-gate.ts';
import { countCalls, type CountedCalls } from '../../../helpers/counted-calls.ts';
import type { PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../../helpers/shared-postgres.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { apiClient, newMeetingId, serveGate, signUp, testConfig, tokenFor, type ApiCall } from './access-harness.ts';

interface World {
  cluster: PostgresCluster;
  access: PostgresAccess;
  records: CountedCalls<AccessRecords>;
  gate: AccessGate;
  served: Awaited<ReturnType<typeof serveGate>>;
  api: ApiCall;
  dir: string;
}

const test = suite<World>('one records transaction per meeting claim and deletion', {} as World);

/** The records methods that read or change a meeting's ownership or tombstone. */
const MEETING_METHODS = new Set(['claimMeeting', 'ownerOf', 'meetingDeletedAt', 'deleteMeeting']);
const meetingCalls = (w: World) => w.records.calls.filter((name) => MEETING_METHODS.has(name));

test.before(async (w) => {
  w.cluster = await sharedPostgres();
  const logger = createLogger('silent');
  w.access = await openPostgresAccess(await w.cluster.createDatabase('record_calls'), logger);
  w.records = countCalls(w.access.records);
  w.dir = makeTempDir();
  w.gate = createAccessGate({ shared: { ...w.access, records: w.records.target }, dataDir: w.dir, store: new MemoryDocumentStore(), config: { ...testConfig, maxMeetingsPerAccount: 2 }, logger });
  w.served = await serveGate(w.gate);
  w.api = apiClient(w.served.base);
});

test.after(async (w) => {
  await w.served.close();
  w.gate.close();
  await w.access.close();
  await w.cluster.stop();
  rmSync(w.dir, { recursive: true, force: true });
});

test('a token for a new meeting, for an owned one and past the cap: one claim each, nothing read beside it', async (w) => {
  const owner = await signUp(w);
  const [first, second] = [`meeting/${newMeetingId()}`, `meeting/${newMeetingId()}`];
  w.records.reset();
  await tokenFor(w.api, first, owner.session);
  assert.equal(meetingCalls(w), ['claimMeeting']);
  w.records.reset();
  await tokenFor(w.api, first, owner.session);
  assert.equal(meetingCalls(w), ['claimMeeting'], 'a meeting it owns is claimed again, never taken from a cache');
  await tokenFor(w.api, second, owner.session);
  w.records.reset();
  const capped = await w.api('POST', '/api/tokens', { doc: `meeting/${newMeetingId()}` }, owner.session);
  assert.equal([capped.status, capped.json.error.code], [403, 'meeting_limit']);
  assert.equal(meetingCalls(w), ['claimMeeting']);
  const stranger = await signUp(w);
  w.records.reset();
  const foreign = await w.api('POST', '/api/tokens', { doc: first }, stranger.session);
  assert.equal([foreign.status, foreign.json.error.code], [403, 'forbidden']);
  assert.equal(meetingCalls(w), ['claimMeeting']);
});

test('deleting a meeting, and asking for it afterwards: one deletion or one claim each, the refusals unchanged', async (w) => {
  const owner = await signUp(w);
  const meetingId = newMeetingId();
  await tokenFor(w.api, `meeting/${meetingId}`, owner.session);
  const stranger = await signUp(w);
  w.records.reset();
  const forbidden = await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, stranger.session);
  assert.equal([forbidden.status, forbidden.json.error.code], [403, 'forbidden']);
  const unknown = await w.api('DELETE', `/api/meetings/${newMeetingId()}`, undefined, owner.session);
  assert.equal([unknown.status, unknown.json.error.code], [404, 'not_found']);
  assert.equal(meetingCalls(w), ['deleteMeeting', 'deleteMeeting']);
  w.records.reset();
  assert.is((await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, owner.session)).status, 204);
  assert.equal(meetingCalls(w), ['deleteMeeting']);
  w.records.reset();
  const again = await w.api('DELETE', `/api/meetings/${meetingId}`, undefined, owner.session);
  assert.equal([again.status, again.json.error.code], [410, 'meeting_deleted']);
  const reclaim = await w.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, stranger.session);
  assert.equal([reclaim.status, reclaim.json.error.code], [410, 'meeting_deleted']);
  assert.equal(meetingCalls(w), ['deleteMeeting', 'claimMeeting']);
});

test.run();
