// The data directory is the owner's alone: under the usual umask 022 (and an odd one) the relay
// creates it 0700 and every file in it 0600, including SQLite's -wal and -shm; an existing
// directory, database or secret that others can read stops the start with a named error that
// says how to fix it.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataDirectoryPermissionError } from '../../sync-server/private-files.ts';
import { DATABASE_FILE, databasePath, openDatabase } from '../../sync-server/relay/storage/sqlite-database.ts';
import { loadOrCreateStatsToken } from '../../sync-server/web/website/stats-access.ts';
import { Routes } from '../../wire/website-routes.ts';
import { apiClient } from './web/access/access-harness.ts';
import { openForm, postForm, startWebsiteRelay } from './web/website/website-relay.ts';

const test = suite('data directory permissions');
const REPO = join(import.meta.dirname, '..', '..');
let root = '';
let savedUmask = 0;

test.before.each(() => {
  root = mkdtempSync(join(tmpdir(), 'ltm-datadir-'));
  savedUmask = process.umask(0o022);
});
test.after.each(() => {
  process.umask(savedUmask);
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

function modesUnder(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, mode(join(dir, name))]));
}

test('under umask 022 a working relay keeps its directory 0700 and every file 0600', async () => {
  const dataDir = join(root, 'fresh', 'data');
  const site = await startWebsiteRelay({}, { dataDir });
  try {
    const api = apiClient(site.url);
    const created = await api('POST', '/api/accounts', { email: 'owner@example.org', password: 'a sturdy passphrase 81', name: 'Owner' });
    assert.is(created.status, 201);
    const form = await openForm(new URL(Routes.landing, site.url).href);
    const signedUp = await postForm(site.url, Routes.signUp, { email: 'reader@example.org', csrf: form.token }, { cookie: form.cookie });
    assert.ok(signedUp.status < 400, `sign-up answered ${signedUp.status}`);
    const files = modesUnder(dataDir);
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'server-secret', 'stats-token', 'outbox.jsonl']) {
      assert.ok(name in files, `${name} exists`);
    }
    assert.is(mode(dataDir), 0o700, 'data directory');
    for (const [name, fileMode] of Object.entries(files)) assert.is(fileMode, 0o600, `${name} is 0600, not 0${fileMode.toString(8)}`);
  } finally {
    await site.close();
  }
});

test('an umask that strips the owner\'s own bits still gives 0700 and 0600', () => {
  process.umask(0o277);
  const dataDir = join(root, 'data');
  const db = openDatabase(databasePath(dataDir));
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
  const files = modesUnder(dataDir);
  db.close();
  assert.is(mode(dataDir), 0o700);
  assert.ok(`${DATABASE_FILE}-wal` in files);
  for (const [name, fileMode] of Object.entries(files)) assert.is(fileMode, 0o600, name);
});

test('an existing data directory others can read is refused with the chmod that fixes it', () => {
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  assert.is(mode(dataDir), 0o755);
  assert.throws(() => openDatabase(databasePath(dataDir)), (error: Error) =>
    error instanceof DataDirectoryPermissionError && error.message.includes(`chmod 700 ${dataDir}`));
  assert.equal(readdirSync(dataDir), [], 'nothing was created in it');
  chmodSync(dataDir, 0o700);
  openDatabase(databasePath(dataDir)).close();
});

test('the CLI refuses a shared data directory: exit 1 and one line naming the error and the fix', async () => {
  const dataDir = join(root, 'shared');
  mkdirSync(dataDir, { mode: 0o755 });
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--data', dataDir], { cwd: REPO }, (_error, _stdout, stderr) =>
      resolve({ code: child.exitCode, stderr }),
    );
  });
  assert.is(result.code, 1);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  const line = JSON.parse(lines[0]!) as { level: string; err: string };
  assert.is(line.level, 'fatal');
  assert.match(line.err, /^DataDirectoryPermissionError: .*chmod 700 /);
  assert.equal(readdirSync(dataDir), [], 'nothing was created in it');
});

test('an existing database, -wal or -shm that others can read is refused and left as it was', () => {
  const dataDir = join(root, 'data');
  const db = openDatabase(databasePath(dataDir));
  db.exec('CREATE TABLE kept (x); INSERT INTO kept VALUES (42)');
  db.close();
  for (const suffix of ['', '-wal', '-shm']) {
    const file = databasePath(dataDir) + suffix;
    writeFileSync(file, '', { flag: 'a' });
    chmodSync(file, 0o644);
    assert.throws(() => openDatabase(databasePath(dataDir)), (error: Error) =>
      error instanceof DataDirectoryPermissionError && error.message.includes(`chmod 600 ${file}`), suffix || 'database');
    chmodSync(file, 0o600);
  }
  const reopened = openDatabase(databasePath(dataDir));
  assert.equal(reopened.prepare('SELECT x FROM kept').get(), { x: 42 }, 'the data is intact');
  reopened.close();
});

test('a stats token file others can read is refused', () => {
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  writeFileSync(join(dataDir, 'stats-token'), 'a-token-long-enough-to-pass\n', { mode: 0o644 });
  assert.throws(() => loadOrCreateStatsToken(null, dataDir, 'stats-token'), (error: Error) =>
    error instanceof DataDirectoryPermissionError && error.message.includes('chmod 600'));
});

test.run();
