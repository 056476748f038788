import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accessDefaults } from '../../../../sync-server/web/access/access-config.ts';
import { PasswordHashFormatError } from '../../../../sync-server/web/access/access-errors.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../../../sync-server/web/access/password-hash.ts';

const test = suite('password hash');
const params = { ...accessDefaults.scrypt, cost: 1024 };

test('verifies the right password and rejects a wrong one', async () => {
  const stored = await hashPassword('correct horse battery', params);
  assert.ok(await verifyPassword('correct horse battery', stored));
  assert.not.ok(await verifyPassword('correct horse batterY', stored));
  assert.not.ok(await verifyPassword('', stored));
});

test('stores its parameters and a per-user salt, never the password', async () => {
  const a = await hashPassword('same password', params);
  const b = await hashPassword('same password', params);
  assert.is.not(a, b);
  assert.match(a, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  assert.not.match(a, /same password/);
});

test('the default parameters hash and verify', async () => {
  const stored = await hashPassword('default cost', accessDefaults.scrypt);
  assert.match(stored, /^scrypt\$131072\$8\$1\$/);
  assert.ok(await verifyPassword('default cost', stored));
});

test('the default cost is at least OWASP\'s minimum for scrypt: N=2^17, r=8, p=1', () => {
  const { cost, blockSize, parallelization } = accessDefaults.scrypt;
  assert.ok(cost >= 2 ** 17 && blockSize >= 8 && parallelization >= 1);
});

test('hashing runs off the event loop: timers keep firing while a default-cost hash is computed', async () => {
  let turns = 0;
  let done = false;
  const spin = () => {
    if (done) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  const stored = await hashPassword('default cost', accessDefaults.scrypt);
  done = true;
  assert.ok(turns > 1, `the event loop turned ${turns} times`);
  assert.ok(await verifyPassword('default cost', stored));
});

test('a hash with other parameters than the current ones needs a rehash', async () => {
  const old = await hashPassword('an old password', { ...accessDefaults.scrypt, cost: 16_384 });
  assert.ok(needsRehash(old, accessDefaults.scrypt));
  assert.not.ok(needsRehash(old, { ...accessDefaults.scrypt, cost: 16_384 }));
  assert.ok(await verifyPassword('an old password', old), 'an old hash still verifies');
});

test('a corrupt stored hash is a named error', async () => {
  // The last one asks for 2^30 x 8 x 128 bytes: refused before any memory is allocated.
  for (const stored of ['', 'bcrypt$x', 'scrypt$0$8$1$aa$bb', 'scrypt$1024$8$1$$bb', 'scrypt$1073741824$8$1$aa$bb']) {
    try {
      await verifyPassword('x', stored);
      assert.unreachable(stored);
    } catch (error) {
      assert.instance(error, PasswordHashFormatError);
    }
  }
});

test.run();
