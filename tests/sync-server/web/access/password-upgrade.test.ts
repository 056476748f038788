// Hashes made with older scrypt parameters (N=2^14, the format every account had before) keep
// working and are replaced with the current parameters at the account's next successful sign-in;
// a failed sign-in changes nothing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accessDefaults } from '../../../../sync-server/web/access/access-config.ts';
import { hashPassword } from '../../../../sync-server/web/access/password-hash.ts';
import { signUp, startAccessHarness, storedPasswordHash, type AccessHarness } from './access-harness.ts';

const test = suite('password hash upgrade');
const CURRENT_COST = 2048;
let h: AccessHarness;

test.before(async () => {
  h = await startAccessHarness({ scrypt: { ...accessDefaults.scrypt, cost: CURRENT_COST } });
});
test.after(async () => {
  await h.close();
});

const storedHash = (accountId: string) => storedPasswordHash(h, accountId);

test('an N=2^14 hash signs in and is rehashed with the current parameters; a wrong password leaves it', async () => {
  const account = await signUp(h);
  assert.match(storedHash(account.accountId), new RegExp(`^scrypt\\$${CURRENT_COST}\\$8\\$1\\$`));
  const old = await hashPassword(account.password, { ...accessDefaults.scrypt, cost: 16_384 });
  h.db.prepare('UPDATE accounts SET password_hash = ? WHERE account_id = ?').run(old, account.accountId);

  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: 'not the password' })).status, 401);
  assert.is(storedHash(account.accountId), old, 'a failed sign-in does not touch the hash');

  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).status, 200);
  const upgraded = storedHash(account.accountId);
  assert.match(upgraded, new RegExp(`^scrypt\\$${CURRENT_COST}\\$8\\$1\\$`));
  assert.is.not(upgraded, old);

  assert.is((await h.api('POST', '/api/sessions', { email: account.email, password: account.password })).status, 200, 'the new hash verifies');
  assert.is(storedHash(account.accountId), upgraded, 'a current hash is left as it is');
});

test.run();
