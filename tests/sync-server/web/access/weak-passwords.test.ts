// Common and easily guessed passwords are refused at sign-up and at a password change with the
// named code weak_password and a message that says why; nothing is stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newCredentials, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('weak passwords');
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
});
test.after(async () => {
  await h.close();
});

const accountCount = () => (h.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;

test('sign-up refuses common passwords, repeats, keyboard walks and the email itself, saying why', async () => {
  const credentials = newCredentials();
  const weak = ['password', '12345678', ' '.repeat(8), 'qwertyuiop', 'Password1!', credentials.email, `${credentials.email.split('@')[0]}!`];
  const before = accountCount();
  for (const password of weak) {
    const refused = await h.api('POST', '/api/accounts', { ...credentials, password });
    assert.is(refused.status, 400, JSON.stringify(password));
    assert.is(refused.json.error.code, 'weak_password', JSON.stringify(password));
    assert.match(refused.json.error.message, /^This password is too easy to guess\. \S/);
  }
  assert.match((await h.api('POST', '/api/accounts', { ...credentials, password: 'password' })).json.error.message, /heavily used password/);
  assert.match((await h.api('POST', '/api/accounts', { ...credentials, password: ' '.repeat(8) })).json.error.message, /[Rr]epeat/);
  assert.is(accountCount(), before, 'no account was made');
  assert.is((await h.api('POST', '/api/accounts', credentials)).status, 201, 'a good password is accepted');
});

test('a password change to a weak password is refused the same way and keeps the old one', async () => {
  const account = await signUp(h);
  const refused = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: '12345678' }, account.session);
  assert.is(refused.status, 400);
  assert.is(refused.json.error.code, 'weak_password');
  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).status, 200);
});

test.run();
