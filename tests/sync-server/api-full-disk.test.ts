// /api on a real full disk: the relay (the CLI) keeps its data directory on a small tmpfs in a
// private mount namespace (root, as this suite runs), and a ballast file fills that tmpfs. A
// sign-up then answers 503 store_unavailable, as the OpenAPI document says (apiClient checks
// every answer against it), not a 500 that reads as a relay bug; the failure is logged with
// SQLITE_FULL; the relay lives on, and once the ballast is gone the same request succeeds.
import { closeSync, mkdirSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir, waitFor } from './helpers/relay-harness.ts';
import { spawnListening, type RelayProcess } from './helpers/relay-process.ts';
import { apiClient, newCredentials } from './web/access/access-harness.ts';

const REPO = join(import.meta.dirname, '..', '..');
const TMPFS_BYTES = 4 * 1024 * 1024;
/** Sign-ups tried while the disk is full: the first ones may still fit in the WAL's slack. */
const TRIES = 20;

/** Writes zeros to `file` until the filesystem has no room left. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const test = suite('/api on a full disk');
let root = '';
let relay: RelayProcess | null = null;

test.before(() => {
  root = makeTempDir();
});

test.after(async () => {
  await relay?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a full disk answers 503 store_unavailable with one logged cause; with room again, 201', async () => {
  const mount = join(root, 'tmpfs');
  mkdirSync(mount);
  const script = `mount -t tmpfs -o size=${TMPFS_BYTES} tmpfs ${mount} && exec "$@"`;
  const cli = [process.execPath, '--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--data', join(mount, 'data'), '--access-scrypt-cost', '1024'];
  relay = await spawnListening('unshare', ['-m', 'sh', '-c', script, 'sh', ...cli], { cwd: REPO });
  const api = apiClient(relay.httpUrl);
  assert.is((await api('POST', '/api/accounts', newCredentials())).status, 201);

  // unshare and sh exec, so the pid is the relay's, and its root shows its mounts.
  const ballast = join(`/proc/${relay.pid}/root`, mount, 'ballast');
  fill(ballast);
  let refused: { status: number; json: { error?: { code?: string } } } | null = null;
  for (let i = 0; i < TRIES && refused === null; i++) {
    const answer = await api('POST', '/api/accounts', newCredentials());
    if (answer.status !== 201) refused = answer;
  }
  assert.ok(refused !== null, `${TRIES} sign-ups on a full disk all succeeded`);
  assert.is(refused.status, 503);
  assert.is(refused.json.error?.code, 'store_unavailable');
  const logged = (line: string) => line.includes('"api request failed"') && line.includes('SQLITE_FULL');
  // The log line travels through a pipe, so it may arrive after the answer.
  await waitFor(() => relay!.lines.some(logged), 'the cause is logged');

  unlinkSync(ballast);
  assert.is((await api('POST', '/api/accounts', newCredentials())).status, 201);
  assert.is((await relay.stop()).code, 0);
  relay = null;
});

test.run();
