import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accessDefaults } from '../../../../sync-server/web/access/access-config.ts';
import { PasswordHashFormatError } from '../../../../sync-server/web/access/access-errors.ts';
import { hashPassword, verifyPassword } from '../../../../sync-server/web/access/password-hash.ts';

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
  assert.match(stored, /^scrypt\$16384\$/);
  assert.ok(await verifyPassword('default cost', stored));
});

test('a corrupt stored hash is a named error', async () => {
  for (const stored of ['', 'bcrypt$x', 'scrypt$0$8$1$aa$bb', 'scrypt$1024$8$1$$bb']) {
    try {
      await verifyPassword('x', stored);
      assert.unreachable(stored);
    } catch (error) {
      assert.instance(error, PasswordHashFormatError);
    }
  }
});

test.run();
