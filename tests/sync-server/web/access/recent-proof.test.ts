// A borrowed session cannot delete the account on its own: once its sign-in is more than ten
// minutes old, deleting needs the current password. A wrong password is refused (and logged)
// without touching the account, and guesses are limited per session.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RECENT_SIGN_IN_MS } from '../../../../sync-server/web/access/recent-proof.ts';
import { ageSessions, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('recent proof for sensitive requests');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

const exists = async (session: string) => (await h.api('GET', '/api/accounts/current', undefined, session)).status === 200;

test('a fresh sign-in deletes the account without the password', async () => {
  const account = await signUp(h);
  assert.is((await h.api('DELETE', '/api/accounts/current', undefined, account.session)).status, 204);
  assert.is(await exists(account.session), false);
});

test('an old session needs the password: refused without it or with a wrong one, deleted with it', async () => {
  const account = await signUp(h);
  ageSessions(h.db, account.accountId, RECENT_SIGN_IN_MS + 1_000);

  const bare = await h.api('DELETE', '/api/accounts/current', undefined, account.session);
  assert.is(bare.status, 403);
  assert.is(bare.json.error.code, 'reauthenticate');
  assert.match(bare.json.error.message, 'currentPassword');
  assert.ok(await exists(account.session), 'kept');

  const wrong = await h.api('DELETE', '/api/accounts/current', { currentPassword: `${account.password}x` }, account.session);
  assert.is(wrong.status, 403);
  assert.is(wrong.json.error.code, 'invalid_credentials');
  assert.ok(await exists(account.session), 'kept');
  assert.ok(h.logs.some((line) => line.includes('a sensitive request had the wrong password') && line.includes(account.accountId)));
  assert.not.ok(h.logs.some((line) => line.includes(account.password)), 'no password in the logs');

  const malformed = await fetch(`${h.base}/api/accounts/current`, { method: 'DELETE', headers: { authorization: `Bearer ${account.session}`, 'content-type': 'application/json' }, body: '{"currentPassword":' });
  assert.is(malformed.status, 400);
  assert.ok(await exists(account.session), 'kept');

  assert.is((await h.api('DELETE', '/api/accounts/current', { currentPassword: account.password }, account.session)).status, 204);
  assert.is(await exists(account.session), false);
});

test('password guesses through an old session are limited per session', async () => {
  const account = await signUp(h);
  ageSessions(h.db, account.accountId, RECENT_SIGN_IN_MS + 1_000);
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await h.api('DELETE', '/api/accounts/current', { currentPassword: `guess-${i}` }, account.session)).status);
  assert.is(statuses[0], 403);
  assert.is(statuses.at(-1), 429, `statuses: ${statuses.join(' ')}`);
  assert.is((await h.api('DELETE', '/api/accounts/current', { currentPassword: account.password }, account.session)).status, 429, 'even the right one waits');
  assert.ok(await exists(account.session), 'kept');
});

test.run();
