// The data tools on a database or a target they cannot use: `check` reports a damaged file as
// damaged (exit 1, SQLite's finding in the report), and `backup` fails with a named error that
// says which side failed and why (a damaged source, a read-only or full target), leaves nothing of
// itself in the target, and changes nothing in the source. The targets are tmpfs mounts (one
// remounted read-only, one too small) in a private mount namespace: root, as this suite runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cliResult, EXIT_LIMIT_MS } from '../helpers/relay-cli.ts';
import { copyFixtureData } from './data-fixture.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');

function damagedDataDir(): string {
  const dataDir = copyFixtureData();
  writeFileSync(join(dataDir, 'relay.sqlite'), 'these bytes are not a SQLite database\n'.repeat(200));
  return dataDir;
}

function fatalError(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.is(lines.length, 1, stderr);
  return (JSON.parse(lines[0]!) as { err: string }).err;
}

const test = suite('data tools on what they cannot use');
const made: string[] = [];
test.after(() => {
  for (const dir of made) rmSync(dirname(dir), { recursive: true, force: true });
});

test('check reports a file that is not a database as damaged and exits 1', async () => {
  const dataDir = damagedDataDir();
  made.push(dataDir);
  const check = await cliResult(['check', '--data', dataDir]);
  assert.is(check.code, 1, check.stderr);
  assert.is(check.stderr, '');
  assert.match(check.stdout, /integrity_check: file is not a database \(SQLITE_NOTADB\)/);
  assert.match(check.stdout, /^status: FAILED$/m);
});

test('backup of a damaged database names the file and SQLite\'s finding, and leaves no copy', async () => {
  const dataDir = damagedDataDir();
  made.push(dataDir);
  const before = readFileSync(join(dataDir, 'relay.sqlite'));
  const out = join(dirname(dataDir), 'backup');
  const backup = await cliResult(['backup', '--data', dataDir, '--out', out]);
  assert.is(backup.code, 1, backup.stdout);
  assert.match(fatalError(backup.stderr), new RegExp(`^DatabaseReadError: cannot read the database ${join(dataDir, 'relay.sqlite')}: file is not a database \\(SQLITE_NOTADB\\)`));
  assert.not.ok(existsSync(join(out, 'relay.sqlite')), 'a copy was left behind');
  assert.equal(readFileSync(join(dataDir, 'relay.sqlite')), before);
});

/** `backup` into a fresh tmpfs (made ready by `prepare`) in a private mount namespace; its stdout
 *  is what the target holds afterwards. */
function backupOntoTmpfs(dataDir: string, options: string, prepare: string): { status: number | null; stderr: string; left: string; out: string } {
  const mount = join(dirname(dataDir), 'tmpfs');
  mkdirSync(mount);
  const out = join(mount, 'backup');
  const script = `mount -t tmpfs -o ${options} tmpfs ${mount} && ${prepare} && "$@"; status=$?; ls -A ${out} 2>/dev/null; exit $status`;
  const command = [process.execPath, '--import', 'tsx', 'sync-server/main.ts', 'backup', '--data', dataDir, '--out', out];
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LTM_')));
  const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', ...command], { cwd: REPO, env: inherited, encoding: 'utf8', timeout: EXIT_LIMIT_MS });
  return { status: run.status, stderr: run.stderr, left: run.stdout.trim(), out };
}

test('backup into a read-only filesystem says so', () => {
  const dataDir = copyFixtureData();
  made.push(dataDir);
  const run = backupOntoTmpfs(dataDir, 'size=1m', `mount -o remount,ro $(dirname ${dataDir})/tmpfs`);
  assert.is(run.status, 1, run.stderr);
  assert.is(fatalError(run.stderr), `BackupError: backup target ${run.out} cannot be created: ${run.out}: read-only file system (EROFS)`);
});

test('backup onto a full filesystem says so and leaves the target empty', () => {
  const dataDir = copyFixtureData();
  made.push(dataDir);
  // Smaller than the fixture's database, so the copy cannot be written whole.
  const run = backupOntoTmpfs(dataDir, 'size=48k', 'true');
  assert.is(run.status, 1, run.stderr);
  assert.match(fatalError(run.stderr), new RegExp(`^BackupError: cannot write the copy ${join(run.out, 'relay.sqlite')}: database or disk is full \\(SQLITE_FULL\\)`));
  assert.is(run.left, '', 'the target still holds files');
});

test.run();
