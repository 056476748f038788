// Nobody can lock an owner out (OWASP device cookies): a stranger's wrong guesses for an email
// throttle the stranger (and every device without a device token for that account), while a
// device that signed in before still signs in and changes the password. A device token bought
// by a thief is throttled on its own, and a token of another account, a forged or an expired one
// is none.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { signUp, startAccessHarness, type AccessHarness } from './access-harness.ts';

const test = suite('owner lockout');
let h: AccessHarness;
const PER_EMAIL = 5;
const PER_DEVICE = 3;

test.before(async () => {
  h = await startAccessHarness({
    signInPerEmail: { max: PER_EMAIL, windowMs: 60_000 },
    signInPerDevice: { max: PER_DEVICE, windowMs: 60_000 },
    signInPerIp: { max: 1000, windowMs: 60_000 },
  });
});
test.after(async () => {
  await h.close();
});

const signIn = (email: string, password: string, deviceToken?: string) =>
  h.api('POST', '/api/sessions', deviceToken === undefined ? { email, password } : { email, password, deviceToken });

async function strangerGuesses(email: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await signIn(email, `stranger guess ${i}`)).status);
  return statuses;
}

test('a stranger\'s failed sign-ins do not stop the owner\'s device from signing in or changing the password', async () => {
  const owner = await signUp(h);
  assert.type(owner.deviceToken, 'string', 'sign-up hands out a device token');
  const statuses = await strangerGuesses(owner.email, PER_EMAIL + 3);
  assert.equal(statuses, [...Array(PER_EMAIL).fill(401), 429, 429, 429], 'the stranger is throttled');

  const back = await signIn(owner.email, owner.password, owner.deviceToken);
  assert.is(back.status, 200, 'the owner\'s device signs in');
  assert.type(back.json.deviceToken, 'string');
  assert.is((await signIn(owner.email, owner.password)).status, 429, 'a device without a token is still throttled, even with the password');
  assert.is((await signIn(owner.email, 'one more stranger guess')).status, 429, 'the stranger stays throttled');

  const newPassword = 'a fresh passphrase for spring';
  const changed = await h.api('POST', '/api/accounts/current/password', { currentPassword: owner.password, newPassword }, back.json.session);
  assert.is(changed.status, 200, 'the owner changes the password');
  assert.is((await signIn(owner.email, newPassword, back.json.deviceToken)).status, 200, 'and signs in with the new one');
  assert.is((await signIn(owner.email, newPassword)).status, 429, 'untrusted devices stay throttled');
});

test('guesses with a stolen device token lock only that token', async () => {
  const owner = await signUp(h);
  const laptop = (await signIn(owner.email, owner.password)).json.deviceToken as string;
  const statuses: number[] = [];
  for (let i = 0; i < PER_DEVICE + 1; i++) statuses.push((await signIn(owner.email, `thief guess ${i}`, owner.deviceToken)).status);
  assert.equal(statuses, [...Array(PER_DEVICE).fill(401), 429]);
  assert.is((await signIn(owner.email, owner.password, owner.deviceToken)).status, 429, 'the stolen token is locked');
  assert.is((await signIn(owner.email, owner.password, laptop)).status, 200, 'another device of the owner is not');
  assert.is((await signIn(owner.email, owner.password)).status, 200, 'nor the email\'s shared bucket');
});

test('a forged token or one of another account counts as no token', async () => {
  const owner = await signUp(h);
  const other = await signUp(h);
  const forged = owner.deviceToken.replace(/[^.]+$/, 'A'.repeat(43));
  // A later issue time with the old signature: the time is signed too.
  const [nonce, issued, signature] = owner.deviceToken.split('.') as [string, string, string];
  const postdated = `${nonce}.${(parseInt(issued, 36) + 86_400_000).toString(36)}.${signature}`;
  for (const token of [other.deviceToken, forged, postdated, 'not a token', owner.deviceToken.replace('.', '')]) {
    assert.is((await signIn(owner.email, 'a wrong guess', token)).status, 401);
  }
  assert.is((await signIn(owner.email, owner.password, other.deviceToken)).status, 429, 'those five counted in the email\'s bucket');
  assert.is((await signIn(owner.email, owner.password, owner.deviceToken)).status, 200);
});

test('a device token expires: past its lifetime it counts as none', async () => {
  // A second relay whose device tokens live 1 ms: every token is expired by the time it returns,
  // since a sign-in alone takes longer (scrypt).
  const short = await startAccessHarness({
    deviceTokenTtlMs: 1,
    signInPerEmail: { max: 2, windowMs: 60_000 },
    signInPerIp: { max: 1000, windowMs: 60_000 },
  });
  try {
    const owner = await signUp(short);
    const expiredSignIn = (password: string) => short.api('POST', '/api/sessions', { email: owner.email, password, deviceToken: owner.deviceToken });
    assert.equal([(await expiredSignIn('guess 1')).status, (await expiredSignIn('guess 2')).status], [401, 401]);
    assert.is((await expiredSignIn(owner.password)).status, 429, 'the expired token drew on the email\'s bucket');
  } finally {
    await short.close();
  }
});

test('password changes are throttled per session, not by the email\'s bucket', async () => {
  const owner = await signUp(h);
  await strangerGuesses(owner.email, PER_EMAIL + 1);
  const guesses: number[] = [];
  for (let i = 0; i < PER_DEVICE + 1; i++) {
    guesses.push((await h.api('POST', '/api/accounts/current/password', { currentPassword: `guess ${i}`, newPassword: 'a fresh passphrase for spring' }, owner.session)).status);
  }
  assert.equal(guesses, [...Array(PER_DEVICE).fill(403), 429], 'a borrowed session cannot guess on');
});

test.run();
