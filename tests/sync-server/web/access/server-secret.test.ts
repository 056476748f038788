import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SecretFileError } from '../../../../sync-server/web/access/access-errors.ts';
import { SECRET_BYTES, loadOrCreateServerSecret } from '../../../../sync-server/web/access/server-secret.ts';

const test = suite('server secret');
const NAME = 'server-secret';
let dir = '';

test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'ltm-secret-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('is created on first start with 32 random bytes and mode 0600', () => {
  const secret = loadOrCreateServerSecret(dir, NAME);
  const path = join(dir, NAME);
  assert.is(secret.length, SECRET_BYTES);
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.ok(readFileSync(path).equals(secret));
});

test('is reused on later starts', () => {
  const first = loadOrCreateServerSecret(dir, NAME);
  const second = loadOrCreateServerSecret(dir, NAME);
  assert.ok(first.equals(second));
});

test('creates a missing data directory', () => {
  const nested = join(dir, 'a', 'b');
  assert.is(loadOrCreateServerSecret(nested, NAME).length, SECRET_BYTES);
});

test('refuses a file of the wrong size', () => {
  writeFileSync(join(dir, NAME), Buffer.alloc(10), { mode: 0o600 });
  assert.throws(() => loadOrCreateServerSecret(dir, NAME), (error: unknown) => error instanceof SecretFileError && /corrupt/.test(error.message));
  writeFileSync(join(dir, NAME), Buffer.alloc(0), { mode: 0o600 });
  assert.throws(() => loadOrCreateServerSecret(dir, NAME), (error: unknown) => error instanceof SecretFileError);
});

test('refuses a file that other users can read', () => {
  loadOrCreateServerSecret(dir, NAME);
  chmodSync(join(dir, NAME), 0o644);
  assert.throws(() => loadOrCreateServerSecret(dir, NAME), (error: unknown) => error instanceof SecretFileError && /chmod 600/.test(error.message));
});

test.run();
