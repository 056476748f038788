// A refusal that a client words in its own language carries its details beside the English
// message: a length rule its limits (from the relay's config, not fixed numbers), a weak password
// its advice keys, never English text. Other refusals carry none. Every answer is also checked
// against the OpenAPI document by the harness's API client.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD_ADVICE } from '../../../../wire/refusal-details.ts';
import { newCredentials, signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('refusal details');
let h: AccessHarness;
let strict: AccessHarness;

test.before(async () => {
  h = await startAccessHarness();
  strict = await startAccessHarness({ passwordMinLength: 12, passwordMaxLength: 64, nameMaxLength: 20 });
});
test.after(async () => {
  await h?.close();
  await strict?.close();
});

test('a password too short or too long names the length rule', async () => {
  for (const password of ['short', 'x'.repeat(300)]) {
    const refused = await h.api('POST', '/api/accounts', { ...newCredentials(), password });
    assert.is(refused.status, 400);
    assert.is(refused.json.error.code, 'invalid_password');
    assert.equal(refused.json.error.details, { min: 8, max: 256 });
    assert.is(refused.json.error.message, 'The password must be 8 to 256 characters long.');
  }
  const account = await signUp(h);
  const change = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: 'tiny' }, account.session);
  assert.equal([change.status, change.json.error.code, change.json.error.details], [400, 'invalid_password', { min: 8, max: 256 }]);
});

test('the limits are the configured ones', async () => {
  const refused = await strict.api('POST', '/api/accounts', { ...newCredentials(), password: 'eleven char' });
  assert.equal(refused.json.error.details, { min: 12, max: 64 });
  const longName = await strict.api('POST', '/api/accounts', { ...newCredentials(), password: 'a long enough passphrase', name: 'n'.repeat(21) });
  assert.equal([longName.json.error.code, longName.json.error.details], ['invalid_name', { min: 0, max: 20 }]);
});

test('a name too long names the length rule, at sign-up (optional) and when renamed (required)', async () => {
  const signUpRefused = await h.api('POST', '/api/accounts', { ...newCredentials(), name: 'x'.repeat(101) });
  assert.equal([signUpRefused.status, signUpRefused.json.error.code, signUpRefused.json.error.details], [400, 'invalid_name', { min: 0, max: 100 }]);
  const account = await signUp(h);
  for (const name of ['x'.repeat(101), '   ']) {
    const renamed = await h.api('PATCH', '/api/accounts/current', { name }, account.session);
    assert.equal([renamed.status, renamed.json.error.code, renamed.json.error.details], [400, 'invalid_name', { min: 1, max: 100 }]);
  }
});

test('a weak password names its advice by key, in the order the message gives it', async () => {
  const cases: Record<string, string[]> = {
    password: ['topTen', 'anotherWord'],
    '        ': ['simpleRepeat', 'anotherWord', 'repeated'],
    '2025-01-01': ['dates', 'anotherWord', 'avoidDates'],
    'P@ssw0rd': ['similarToCommon', 'anotherWord', 'capitalization', 'l33t'],
  };
  for (const [password, advice] of Object.entries(cases)) {
    const refused = await h.api('POST', '/api/accounts', { ...newCredentials(), password });
    assert.is(refused.json.error.code, 'weak_password', password);
    assert.equal(refused.json.error.details, { advice }, password);
    assert.ok(refused.json.error.details.advice.every((key: string) => (PASSWORD_ADVICE as readonly string[]).includes(key)));
    assert.match(refused.json.error.message, /^This password is too easy to guess\. /);
  }
  const credentials = newCredentials();
  const ownEmail = await h.api('POST', '/api/accounts', { ...credentials, password: credentials.email });
  assert.equal(ownEmail.json.error.details, { advice: ['userInputs', 'anotherWord'] });
  const account = await signUp(h);
  const change = await h.api('POST', '/api/accounts/current/password', { currentPassword: account.password, newPassword: '12345678' }, account.session);
  assert.equal([change.json.error.code, change.json.error.details], ['weak_password', { advice: ['topTen', 'anotherWord'] }]);
});

test('other refusals carry no details', async () => {
  const email = await h.api('POST', '/api/accounts', { ...newCredentials(), email: 'not-an-email' });
  assert.equal(Object.keys(email.json.error).sort(), ['code', 'message']);
  const wrong = await h.api('POST', '/api/sessions', { email: 'nobody@example.org', password: 'not the password' });
  assert.equal(Object.keys(wrong.json.error).sort(), ['code', 'message']);
});

test.run();
