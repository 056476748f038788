import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newMeetingId, signUp, startAccessHarness, storedPasswordHash, type AccessHarness } from './access-harness.ts';

const test = suite('password change');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness({ signInPerEmail: { max: 4, windowMs: 60_000 }, signInPerDevice: { max: 4, windowMs: 60_000 }, signInPerIp: { max: 1000, windowMs: 60_000 } });
});
test.after(async () => {
  await h.close();
});

const passwordHash = (accountId: string) => storedPasswordHash(h, accountId);

test('a new password replaces the old one, ends every other session and keeps the current one', async () => {
  const account = await signUp(h);
  const other = (await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session as string;
  const third = (await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session as string;
  const meeting = `meeting/${newMeetingId()}`;
  const otherToken = (await h.api('POST', '/api/tokens', { doc: meeting }, other)).json.token as string;
  const sessionsBefore = (await h.api('GET', '/api/sessions', undefined, account.session)).json.sessions as { sessionId: string; current: boolean }[];
  const ended = sessionsBefore.filter((s) => !s.current).map((s) => s.sessionId);
  assert.is(ended.length, 2);
  h.revoked.length = 0;

  const newPassword = 'a much better passphrase';
  const changed = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword }, account.session);
  assert.is(changed.status, 200);
  assert.equal(changed.json, { endedSessions: 2 });

  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).status, 401, 'old password refused');
  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: newPassword })).status, 200, 'new password works');
  assert.is((await h.api('GET', '/api/accounts/current', undefined, account.session)).status, 200, 'current session kept');
  for (const session of [other, third]) assert.is((await h.api('GET', '/api/accounts/current', undefined, session)).status, 401);
  assert.equal([...h.revoked].sort(), ended.map((id) => `session:${id}`).sort(), 'their revocation keys are emitted');
  assert.not.ok((await h.gate.authorizeSocket(meeting, otherToken, Date.now())).ok, 'a token of an ended session opens no socket');
});

test('a wrong current password is 403 and changes nothing; a weak new one is 400; no session is 401', async () => {
  const account = await signUp(h);
  const other = (await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).json.session as string;
  const before = passwordHash(account.accountId);
  const wrong = await h.api('POST', '/api/accounts/current/password', { currentPassword: 'not it at all', newPassword: 'whatever works' }, account.session);
  assert.is(wrong.status, 403);
  assert.is(wrong.json.error.code, 'invalid_credentials');
  const weak = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: 'short' }, account.session);
  assert.is(weak.status, 400);
  assert.is(weak.json.error.code, 'invalid_password');
  const missing = await h.api('POST', '/api/accounts/current/password', { newPassword: 'whatever works' }, account.session);
  assert.is(missing.status, 400);
  const anonymous = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: 'whatever works' });
  assert.is(anonymous.status, 401);
  assert.is(passwordHash(account.accountId), before, 'hash unchanged');
  assert.is((await h.api('GET', '/api/accounts/current', undefined, other)).status, 200, 'other session kept');
});

test('guessing the current password with a session is rate limited like sign-in', async () => {
  const account = await signUp(h);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const attempt = await h.api('POST', '/api/accounts/current/password', { currentPassword: `guess number ${i}`, newPassword: 'whatever works' }, account.session);
    statuses.push(attempt.status);
  }
  assert.equal(statuses, [403, 403, 403, 403, 429, 429]);
});

test.run();
