// Per-account bounds of the account API: listing meetings, exporting and creating share links
// are rate-limited (429 with Retry-After), and the number of meetings one account may claim is capped (403
// meeting_limit) while tokens for meetings it already owns keep coming.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accessDefaults } from '../../../../sync-server/web/access/access-config.ts';
import { newMeetingId, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

let h: AccessHarness;
const test = suite('account limits');

test.before(async () => {
  h = await startAccessHarness({
    listMeetingsPerAccount: { max: 2, windowMs: 60_000 },
    exportPerAccount: { max: 1, windowMs: 60_000 },
    sharesPerAccount: { max: 2, windowMs: 60_000 },
    maxMeetingsPerAccount: 3,
  });
});
test.after(() => h.close());

test('the defaults: export 3 an hour, 10,000 meetings per account', () => {
  assert.equal(accessDefaults.exportPerAccount, { max: 3, windowMs: 3_600_000 });
  assert.is(accessDefaults.maxMeetingsPerAccount, 10_000);
});

test('listing meetings past the per-account rate gets 429 with Retry-After; another account is unaffected', async () => {
  const busy = await signUp(h);
  for (let i = 0; i < 2; i++) assert.is((await h.api('GET', '/api/meetings', undefined, busy.session)).status, 200);
  const refused = await h.api('GET', '/api/meetings', undefined, busy.session);
  assert.is(refused.status, 429);
  assert.is(refused.json.error.code, 'rate_limited');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  const other = await signUp(h);
  assert.is((await h.api('GET', '/api/meetings', undefined, other.session)).status, 200);
});

test('exporting past the per-account rate gets 429 with Retry-After', async () => {
  const account = await signUp(h);
  const exportOnce = () => fetch(`${h.base}/api/accounts/current/export`, { headers: { authorization: `Bearer ${account.session}` } });
  const first = await exportOnce();
  await first.arrayBuffer();
  assert.is(first.status, 200);
  const second = await exportOnce();
  assert.is(second.status, 429);
  assert.ok(Number(second.headers.get('retry-after')) > 0);
  assert.is(((await second.json()) as { error: { code: string } }).error.code, 'rate_limited');
});

test('creating share links past the per-account rate gets 429 with Retry-After and stores nothing; another account is unaffected', async () => {
  const busy = await signUp(h);
  const meetingId = newMeetingId();
  assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, busy.session)).status, 200);
  for (let i = 0; i < 2; i++) assert.is((await h.api('POST', '/api/shares', { meetingId, role: 'view' }, busy.session)).status, 201);
  const refused = await h.api('POST', '/api/shares', { meetingId, role: 'edit' }, busy.session);
  assert.is(refused.status, 429);
  assert.is(refused.json.error.code, 'rate_limited');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  const listed = await h.api('GET', `/api/shares?meetingId=${meetingId}`, undefined, busy.session);
  assert.is(listed.json.shares.length, 2);
  assert.ok(h.logs.some((line) => line.includes('"path":"/api/shares"') && line.includes('"status":429')), 'the refusal is logged');
  const other = await signUp(h);
  const theirs = newMeetingId();
  assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${theirs}` }, other.session)).status, 200);
  assert.is((await h.api('POST', '/api/shares', { meetingId: theirs, role: 'view' }, other.session)).status, 201);
});

test('the default share-link rate: 100 an hour', () => {
  assert.equal(accessDefaults.sharesPerAccount, { max: 100, windowMs: 3_600_000 });
});

test('an account at its meeting cap cannot claim another (403 meeting_limit) but keeps its own', async () => {
  const account = await signUp(h);
  const owned = [newMeetingId(), newMeetingId(), newMeetingId()];
  for (const id of owned) assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${id}` }, account.session)).status, 200);
  const refused = await h.api('POST', '/api/tokens', { doc: `meeting/${newMeetingId()}` }, account.session);
  assert.is(refused.status, 403);
  assert.is(refused.json.error.code, 'meeting_limit');
  assert.match(refused.json.error.message, /3 meetings/);
  assert.is((await h.api('POST', '/api/tokens', { doc: `meeting/${owned[0]}` }, account.session)).status, 200);
  assert.is((await h.api('POST', '/api/tokens', { doc: `library/${account.accountId}` }, account.session)).status, 200);
});

test.run();
