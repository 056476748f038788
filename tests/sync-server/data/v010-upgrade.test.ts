// Upgrade from v0.1.0: today's relay (as a child process) starts on a data directory
// the v0.1.0 relay wrote (tests/fixtures/relay-v0.1.0), migrates it after an automatic backup,
// and serves everything it held: passwords sign in, sessions work, a signed-out session stays
// out, documents load for their owners only, a live share link opens its meeting and a revoked
// one is refused, and sign-ups and usage counts are still there. A database from a newer relay
// is refused with SchemaTooNewError and left untouched.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AUTOMATIC_BACKUPS_DIR } from '../../../sync-server/data/data-backup.ts';
import { SCHEMA_VERSION } from '../../../sync-server/data/migrations.ts';
import { spawnRelay, RelayStartError } from '../helpers/relay-process.ts';
import { copyFixtureData, v010Facts } from './data-fixture.ts';
import { assertServesV010State } from './v010-checks.ts';

const facts = v010Facts();
const KEEP_SIGN_UPS_MS = 100 * 365 * 24 * 3600 * 1000;
const REPO = join(import.meta.dirname, '..', '..', '..');

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

const test = suite('upgrade from v0.1.0');

test('the relay starts on a v0.1.0 data directory with every account, document, share, sign-up and count intact', async () => {
  const dataDir = copyFixtureData();
  // Built by the composition root as main builds it; sign-ups are kept beyond the default 7 days,
  // so the fixture's (made once) are not swept as expired once it is older than that.
  const relay = await spawnRelay({ dataDir, overrides: {}, websiteOverrides: { signUpRetentionMs: KEEP_SIGN_UPS_MS } });
  try {
    // Migrated, after a copy of the v0.1.0 database was taken.
    assert.ok(relay.lines.some((line) => line.includes('database schema migrated')), 'no migration logged');
    const backups = readdirSync(join(dataDir, AUTOMATIC_BACKUPS_DIR));
    assert.is(backups.length, 1);
    assert.match(backups[0]!, /^relay-v0-.*\.sqlite$/);
    assert.is(userVersion(join(dataDir, AUTOMATIC_BACKUPS_DIR, backups[0]!)), 0);

    await assertServesV010State(relay, facts);
    assert.equal(await relay.stop(), { code: 0, signal: null });

    // Sign-ups, usage counts and the schema version, read from the file the relay left.
    const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
    try {
      const emails = (db.prepare('SELECT email FROM signups ORDER BY email').all() as { email: string }[]).map((r) => r.email);
      assert.equal(emails, facts.signups);
      const counts = db.prepare('SELECT event, version, count FROM usage_counts ORDER BY event').all();
      assert.equal(counts, [...facts.usageCounts].sort((a, b) => a.event.localeCompare(b.event)));
      assert.is(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    } finally {
      db.close();
    }
    assert.is(readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').length, facts.signups.length);
  } finally {
    if (relay.child.exitCode === null) await relay.kill();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test('a database newer than the relay knows is refused with SchemaTooNewError and left as it was', async () => {
  const dataDir = copyFixtureData();
  const file = join(dataDir, 'relay.sqlite');
  try {
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    let refusal: unknown = null;
    await spawnRelay({ dataDir }).then((relay) => relay.kill(), (error: unknown) => (refusal = error));
    assert.instance(refusal, RelayStartError);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--data', dataDir], { cwd: REPO, encoding: 'utf8' });
    assert.is(check.status, 1);
    const line = JSON.parse(check.stderr.trim()) as { err: string };
    assert.match(line.err, new RegExp(`^SchemaTooNewError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has schema version ${SCHEMA_VERSION + 1}, newer than this relay knows \\(${SCHEMA_VERSION}\\)`));
    assert.ok(readFileSync(file).equals(before), 'the refused database was changed');
    assert.not.ok(readdirSync(dataDir).includes(AUTOMATIC_BACKUPS_DIR), 'a refused start took a backup');
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test.run();
