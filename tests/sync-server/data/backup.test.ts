// `ltm-relay backup` while a relay serves the same data directory and a client keeps writing:
// every update acknowledged (seen by another client, so committed) before the backup began is in
// the copy, the copy passes `check`, and another relay started on it accepts the original
// relay's sessions and document tokens (the secrets came along) and serves the document. A backup
// is one self-contained file, so another user can check it on read-only media (run as root).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WebsocketProvider } from 'y-websocket';
import { docFromRows, storedRows } from '../helpers/frames.ts';
import { destroyProvider, stockProvider } from '../helpers/stock-provider.ts';
import { docName, makeTempDir, waitFor } from '../helpers/relay-harness.ts';
import { cliResult } from '../helpers/relay-cli.ts';
import { spawnRelay, type RelayProcess } from '../helpers/relay-process.ts';
import { apiClient } from '../web/access/access-harness.ts';
import { copyFixtureData } from './data-fixture.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const CLI = ['--import', 'tsx', 'sync-server/main.ts'];
const NOBODY = 65534;

const WRITE_EVERY_MS = 10;

function provider(relay: RelayProcess, doc: string, token: string): WebsocketProvider {
  return stockProvider(relay.url, doc, token);
}

const destroy = destroyProvider;

const cli = cliResult;

/** How many of 0, 1, 2, … a doc's log holds without a gap. */
function prefixLength(values: readonly unknown[]): number {
  let n = 0;
  while (values[n] === n) n++;
  return n;
}

const test = suite('backup');

test('a backup taken under writes holds every acknowledged update, and a relay starts from it', async () => {
  const root = makeTempDir();
  const dataDir = join(root, 'data');
  const outDir = join(root, 'backup');
  const relays: RelayProcess[] = [];
  const providers: WebsocketProvider[] = [];
  let writing: NodeJS.Timeout | undefined;
  try {
    const live = await spawnRelay({ dataDir });
    relays.push(live);
    const api = apiClient(live.httpUrl);
    const account = (await api('POST', '/api/accounts', { email: 'backup@example.org', password: 'a long backup passphrase', name: 'Backup' })).json;
    const doc = docName();
    const { token } = (await api('POST', '/api/tokens', { doc }, account.session)).json;
    const writer = provider(live, doc, token);
    const reader = provider(live, doc, token);
    providers.push(writer, reader);
    await waitFor(() => writer.synced && reader.synced, 'synced');
    const log = writer.doc.getArray<number>('log');
    let next = 0;
    writing = setInterval(() => log.push([next++]), WRITE_EVERY_MS);
    const acked = () => prefixLength(reader.doc.getArray<number>('log').toArray());
    await waitFor(() => acked() >= 50, 'writes acknowledged');

    const ackedBefore = acked();
    const backup = await cli(['backup', '--data', dataDir, '--out', outDir]);
    assert.is(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /^backup written to .*: relay\.sqlite, (server-secret|stats-token)/);
    const ackedAfter = acked();
    clearInterval(writing);
    assert.ok(ackedAfter > ackedBefore, 'the client went on writing during the backup');

    const copied = docFromRows(storedRows(outDir, doc)).getArray<number>('log').toArray();
    assert.ok(prefixLength(copied) >= ackedBefore, `backup holds ${prefixLength(copied)} of ${ackedBefore} acknowledged updates`);
    assert.is(statSync(outDir).mode & 0o777, 0o700);
    assert.is(statSync(join(outDir, 'server-secret')).mode & 0o777, 0o600);
    const check = await cli(['check', '--data', outDir]);
    assert.is(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /integrity_check: ok/);

    // Another relay on the copy: the old session and the old document token both still work.
    for (const p of providers.splice(0)) destroy(p);
    const restored = await spawnRelay({ dataDir: outDir });
    relays.push(restored);
    assert.is((await apiClient(restored.httpUrl)('POST', '/api/tokens', { doc }, account.session)).status, 200);
    const late = provider(restored, doc, token);
    providers.push(late);
    await waitFor(() => late.synced, 'synced with the restored relay');
    assert.ok(prefixLength(late.doc.getArray<number>('log').toArray()) >= ackedBefore);
  } finally {
    clearInterval(writing);
    for (const p of providers) destroy(p);
    for (const relay of relays) if (relay.child.exitCode === null) await relay.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a backup can be checked where it cannot be written: read-only, by another user', () => {
  const dataDir = copyFixtureData();
  const outDir = join(dirname(dataDir), 'backup');
  try {
    const backup = spawnSync(process.execPath, [...CLI, 'backup', '--data', dataDir, '--out', outDir], { cwd: REPO, encoding: 'utf8' });
    assert.is(backup.status, 0, backup.stderr);
    for (const name of readdirSync(outDir)) chmodSync(join(outDir, name), 0o400);
    chmodSync(outDir, 0o500);
    chmodSync(dirname(outDir), 0o711);
    chownSync(outDir, NOBODY, NOBODY);
    for (const name of readdirSync(outDir)) chownSync(join(outDir, name), NOBODY, NOBODY);
    const before = readdirSync(outDir).sort();
    const check = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, ...CLI, 'check', '--data', outDir], { cwd: REPO, encoding: 'utf8' });
    assert.is(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /integrity_check: ok/);
    assert.equal(readdirSync(outDir).sort(), before, 'check wrote beside the backup');
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test('backup refuses a directory that is not a relay data directory, and needs --out', async () => {
  const root = makeTempDir();
  try {
    const missing = await cli(['backup', '--data', root, '--out', join(root, 'out')]);
    assert.is(missing.code, 1);
    assert.match(JSON.parse(missing.stderr.trim()).err, /^DataDirectoryError: .* holds no relay\.sqlite: not a relay data directory/);
    const usage = await cli(['backup', '--data', root]);
    assert.is(usage.code, 1);
    assert.match(JSON.parse(usage.stderr.trim()).err, /^UsageError: backup needs --out <dir>/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
