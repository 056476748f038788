// A start that cannot succeed ends within seconds with exit code 1, nothing on stdout, and one
// JSON line on stderr whose err is a named error naming the thing at fault: a bad log level, a
// bad SMTP URL, a bad or unreachable database URL, a data directory the relay cannot write (run as nobody), a read-only filesystem
// (a tmpfs remounted read-only in a private mount namespace), and a path under /proc (where
// Node's recursive mkdir used to spin forever). The last two need root, as this suite runs. A port
// another process holds is found once the database is open (stdout may carry its log lines).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from './helpers/relay-harness.ts';

const REPO = join(import.meta.dirname, '..', '..');
const NODE_CLI = [process.execPath, '--import', 'tsx', 'sync-server/main.ts'];
const LIMIT_MS = 60_000;

function failedStart(command: readonly string[], env: Record<string, string> = {}, quiet = true): string {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LTM_')));
  const run = spawnSync(command[0]!, command.slice(1), { cwd: REPO, env: { ...inherited, ...env }, encoding: 'utf8', timeout: LIMIT_MS });
  assert.is(run.error, undefined, `did not end: ${String(run.error)}`);
  assert.is(run.status, 1, run.stderr);
  if (quiet) assert.is(run.stdout, '');
  const lines = run.stderr.trim().split('\n');
  assert.is(lines.length, 1, run.stderr);
  const line = JSON.parse(lines[0]!) as { level: string; msg: string; err: string };
  assert.is(line.level, 'fatal');
  assert.is(line.msg, 'relay failed to start');
  return line.err;
}

const test = suite('startup errors');
let dir = '';
test.before(() => {
  dir = makeTempDir();
  chmodSync(dir, 0o755);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('--log-level loud names the level and the choices', () => {
  const err = failedStart([...NODE_CLI, '--port', '0', '--data', join(dir, 'log'), '--log-level', 'loud']);
  assert.match(err, /^InvalidSettingError: relay\.logLevel \(--log-level="loud"\): must be one of trace, debug, info, warn, error, fatal, silent/);
});

test('LTM_SMTP_URL=notaurl names the SMTP URL without echoing it', () => {
  const err = failedStart([...NODE_CLI, '--port', '0', '--data', join(dir, 'smtp')], { LTM_SMTP_URL: 'notaurl', LTM_PUBLIC_URL: 'https://relay.example' });
  assert.match(err, /^InvalidSettingError: website\.smtpUrl \(LTM_SMTP_URL\): must look like smtp:/);
  assert.not.match(err, /notaurl/);
});

test('--database-url that is not a PostgreSQL URL names the setting without echoing it', () => {
  const err = failedStart([...NODE_CLI, '--port', '0', '--data', join(dir, 'dburl'), '--database-url', 'mysql://admin:hunter2@db/x']);
  assert.match(err, /^InvalidSettingError: relay\.databaseUrl \(--database-url\): must look like postgres:/);
  assert.not.match(err, /hunter2/);
});

test('an unreachable database names its host and database, never the password', () => {
  const err = failedStart([...NODE_CLI, '--port', '0', '--data', join(dir, 'dbdown')], { LTM_DATABASE_URL: 'postgres://ltm:hunter2@127.0.0.1:1/ltm' });
  assert.match(err, /^DatabaseUnavailableError: PostgreSQL at 127\.0\.0\.1:1\/ltm cannot be used: /);
  assert.not.match(err, /hunter2/);
});

test('a data directory the relay user cannot write names the directory', () => {
  const data = join(dir, 'root-owned');
  mkdirSync(data, { mode: 0o755 });
  const err = failedStart(['runuser', '-u', 'nobody', '--', ...NODE_CLI, '--port', '0', '--data', data]);
  assert.is(err, `DataDirectoryError: data directory ${data} is not writable: permission denied (EACCES)`);
});

test('a data directory that cannot be created names the level that failed', () => {
  const parent = join(dir, 'locked');
  mkdirSync(parent, { mode: 0o555 });
  const err = failedStart(['runuser', '-u', 'nobody', '--', ...NODE_CLI, '--port', '0', '--data', join(parent, 'a', 'data')]);
  assert.is(err, `DataDirectoryError: data directory ${join(parent, 'a', 'data')} cannot be created: ${join(parent, 'a')}: permission denied (EACCES)`);
});

test('a data directory on a read-only filesystem says so', () => {
  const mount = join(dir, 'ro');
  mkdirSync(mount);
  const script = `mount -t tmpfs tmpfs ${mount} && mkdir ${mount}/data && mount -o remount,ro ${mount} && exec "$@"`;
  const err = failedStart(['unshare', '-m', 'sh', '-c', script, 'sh', ...NODE_CLI, '--port', '0', '--data', join(mount, 'data')]);
  assert.is(err, `DataDirectoryError: data directory ${join(mount, 'data')} is not writable: read-only file system (EROFS)`);
});

test('a port another process holds names the address and the way out', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as AddressInfo;
  try {
    const err = failedStart([...NODE_CLI, '--port', String(port), '--data', join(dir, 'port')], {}, false);
    assert.is(err, `ListenError: cannot listen on 127.0.0.1:${port}: address already in use (EADDRINUSE); another process listens there: stop it or choose another --port`);
  } finally {
    holder.close();
  }
});

test('--data /proc/x fails at once, naming the path', () => {
  const err = failedStart([...NODE_CLI, '--port', '0', '--data', '/proc/x']);
  assert.is(err, 'DataDirectoryError: data directory /proc/x cannot be created: /proc/x: the parent does not accept new directories (ENOENT)');
});

test.run();
