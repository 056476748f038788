import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newCredentials, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('accounts and sessions');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness({ signInPerEmail: { max: 3, windowMs: 60_000 }, signInPerIp: { max: 100, windowMs: 60_000 } });
});
test.after(async () => {
  await h.close();
});

test('sign-up creates an account and a working session', async () => {
  const credentials = newCredentials();
  const created = await h.api('POST', '/api/accounts', credentials);
  assert.is(created.status, 201);
  assert.match(created.json.accountId, /^[A-Za-z0-9_-]{22}$/);
  assert.type(created.json.session, 'string');
  const me = await h.api('GET', '/api/accounts/current', undefined, created.json.session);
  assert.is(me.status, 200);
  assert.equal(me.json, { accountId: created.json.accountId, email: credentials.email, name: credentials.name, createdAt: me.json.createdAt });
});

test('emails are normalised, and a duplicate is 409 in any case', async () => {
  const credentials = newCredentials();
  const shouted = { ...credentials, email: `  ${credentials.email.toUpperCase()} ` };
  assert.is((await h.api('POST', '/api/accounts', shouted)).status, 201);
  const again = await h.api('POST', '/api/accounts', credentials);
  assert.is(again.status, 409);
  assert.is(again.json.error.code, 'email_taken');
  const signIn = await h.api('POST', '/api/sessions', { email: credentials.email, password: credentials.password });
  assert.is(signIn.status, 200);
});

test('bad email, bad password, bad name and bad bodies are 400 with a named code', async () => {
  const base = newCredentials();
  const cases: [unknown, number, string][] = [
    [{ ...base, email: 'not-an-email' }, 400, 'invalid_email'],
    [{ ...base, email: 'a b@example.org' }, 400, 'invalid_email'],
    [{ ...base, password: 'short' }, 400, 'invalid_password'],
    [{ ...base, password: 'x'.repeat(300) }, 400, 'invalid_password'],
    [{ ...base, name: 42 }, 400, 'invalid_name'],
    [{ email: base.email }, 400, 'bad_request'],
    ['{"email": ', 400, 'invalid_json'],
    ['[1, 2]', 400, 'invalid_json'],
    [JSON.stringify({ ...base, name: 'x'.repeat(20_000) }), 413, 'body_too_large'],
  ];
  for (const [body, status, code] of cases) {
    const result = await h.api('POST', '/api/accounts', body);
    assert.is(result.status, status, JSON.stringify(body).slice(0, 60));
    assert.is(result.json.error.code, code);
    assert.type(result.json.error.message, 'string');
  }
});

test('sign-in: wrong password and unknown email get the same 401', async () => {
  const account = await signUp(h);
  const ok = await h.api('POST', '/api/sessions', { email: account.email, password: account.password });
  assert.is(ok.status, 200);
  assert.is(ok.json.accountId, account.accountId);
  assert.is.not(ok.json.session, account.session);
  const wrong = await h.api('POST', '/api/sessions', { email: account.email, password: 'not the password' });
  const unknown = await h.api('POST', '/api/sessions', { email: 'nobody-here@example.org', password: 'not the password' });
  assert.is(wrong.status, 401);
  assert.is(unknown.status, 401);
  assert.equal(wrong.json, unknown.json);
  assert.is(wrong.json.error.code, 'invalid_credentials');
});

test('sign-in is rate-limited per email with 429 and Retry-After, even with the right password', async () => {
  const account = await signUp(h);
  for (let i = 0; i < 3; i++) {
    assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: 'wrong password' })).status, 401);
  }
  const limited = await h.api('POST', '/api/sessions', { email: account.email, password: account.password });
  assert.is(limited.status, 429);
  assert.is(limited.json.error.code, 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
});

test('sign-in is rate-limited per IP across emails', async () => {
  const tight = await startAccessHarness({ signInPerIp: { max: 2, windowMs: 60_000 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await tight.api('POST', '/api/sessions', { email: `someone${i}@example.org`, password: 'whatever pw' })).status);
    }
    assert.equal(statuses, [401, 401, 429]);
  } finally {
    await tight.close();
  }
});

test('sign-up is rate-limited per IP', async () => {
  const tight = await startAccessHarness({ signUpPerIp: { max: 1, windowMs: 60_000 } });
  try {
    assert.is((await tight.api('POST', '/api/accounts', newCredentials())).status, 201);
    assert.is((await tight.api('POST', '/api/accounts', newCredentials())).status, 429);
  } finally {
    await tight.close();
  }
});

test('sign-out revokes the session and emits its revocation key', async () => {
  const account = await signUp(h);
  const sessions = await h.api('GET', '/api/sessions', undefined, account.session);
  assert.is(sessions.status, 200);
  assert.is(sessions.json.sessions.length, 1);
  const sessionId = sessions.json.sessions[0].sessionId;
  assert.is(sessions.json.sessions[0].current, true);
  assert.is((await h.api('DELETE', '/api/sessions/current', undefined, account.session)).status, 204);
  assert.ok(h.revoked.includes(`session:${sessionId}`));
  const after = await h.api('GET', '/api/accounts/current', undefined, account.session);
  assert.is(after.status, 401);
  assert.is(after.json.error.code, 'unauthenticated');
  const row = h.db.prepare('SELECT count(*) AS n FROM sessions WHERE session_id = ?').get(sessionId) as { n: number };
  assert.is(row.n, 0);
});

test('one session can end another of the same account, not of another account', async () => {
  const account = await signUp(h);
  const second = await h.api('POST', '/api/sessions', { email: account.email, password: account.password });
  const list = await h.api('GET', '/api/sessions', undefined, account.session);
  const other = list.json.sessions.find((s: { current: boolean }) => !s.current);
  const stranger = await signUp(h);
  assert.is((await h.api('DELETE', `/api/sessions/${other.sessionId}`, undefined, stranger.session)).status, 404);
  assert.is((await h.api('DELETE', `/api/sessions/${other.sessionId}`, undefined, account.session)).status, 204);
  assert.is((await h.api('GET', '/api/sessions', undefined, second.json.session)).status, 401);
  assert.is((await h.api('GET', '/api/sessions', undefined, account.session)).status, 200);
});

test('routes need a bearer session; unknown routes are not handled; wrong methods are 405', async () => {
  const missing = await h.api('GET', '/api/sessions');
  assert.is(missing.status, 401);
  assert.is(missing.headers.get('www-authenticate'), 'Bearer');
  assert.is((await h.api('GET', '/api/sessions', undefined, 'made-up-session')).status, 401);
  assert.is((await h.api('GET', '/api/nothing-here')).status, 404);
  const wrongMethod = await h.api('PUT', '/api/accounts');
  assert.is(wrongMethod.status, 405);
  assert.is(wrongMethod.json.error.code, 'method_not_allowed');
  assert.is(wrongMethod.headers.get('allow'), 'POST');
});

test('passwords and sessions are never stored in the clear', async () => {
  const account = await signUp(h);
  const row = h.db.prepare('SELECT password_hash FROM accounts WHERE account_id = ?').get(account.accountId) as { password_hash: string };
  assert.not.ok(row.password_hash.includes(account.password));
  const dump = JSON.stringify(h.db.prepare('SELECT * FROM sessions WHERE account_id = ?').all(account.accountId));
  assert.not.ok(dump.includes(account.session));
});

test.run();
