// `ltm-relay migrate-to-postgres` on the v0.1.0 fixture, after today's relay upgraded it: the
// copy into a real PostgreSQL is whole (a relay started with --database-url and a fresh data
// directory serves every account, session, document and share the SQLite relay held, and the
// revoked link stays refused), the sign-ups, a queued mail with its language and the usage
// counts are in PostgreSQL, and a second run into the same database is refused with
// TargetNotEmptyError and changes nothing.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import { databasePath, openDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { makeTempDir } from '../helpers/relay-harness.ts';
import { cliResult } from '../helpers/relay-cli.ts';
import { spawnRelay } from '../helpers/relay-process.ts';
import { copyFixtureData, v010Facts } from './data-fixture.ts';
import { assertServesV010State } from './v010-checks.ts';

const KEEP_SIGN_UPS_MS = 100 * 365 * 24 * 3600 * 1000;
const facts = v010Facts();

const cli = cliResult;

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface World {
  cluster: PostgresCluster;
}

const test = suite<World>('migrate-to-postgres', {} as World);

test.before(async (w) => {
  w.cluster = await sharedPostgres();
});

test.after(async (w) => {
  await w.cluster.stop();
});

test('a relay on PostgreSQL serves everything the SQLite relay held; a second copy is refused', async (w) => {
  const dataDir = copyFixtureData();
  const nodeDir = join(makeTempDir(), 'node');
  const url = await w.cluster.createDatabase('migrated');
  const websiteOverrides = { signUpRetentionMs: KEEP_SIGN_UPS_MS };
  try {
    // Today's relay brings the v0.1.0 database to the current schema first.
    const sqliteRelay = await spawnRelay({ dataDir, overrides: {}, websiteOverrides });
    assert.equal(await sqliteRelay.stop(), { code: 0, signal: null });
    // A German sign-up's mail still waiting for a retry, far ahead so no relay sends it here.
    const queued = { email: facts.signups[0]!, language: 'de', next_attempt_at: KEEP_SIGN_UPS_MS };
    const db = openDatabase(databasePath(dataDir));
    db.prepare("INSERT INTO mail_outbox (email, unsubscribe_token, language, next_attempt_at) VALUES (?, 'token', ?, ?)").run(queued.email, queued.language, queued.next_attempt_at);
    db.close();

    const copy = await cli(['migrate-to-postgres', '--data', dataDir, '--database-url', url]);
    assert.is(copy.code, 0, copy.stderr);
    assert.match(copy.stdout, /copied into PostgreSQL/);
    assert.match(copy.stdout, /accounts: 2 rows/);
    assert.match(copy.stdout, /signing secret/);
    const copied = await query(url, 'SELECT email, language, next_attempt_at::float8 AS next_attempt_at FROM mail_outbox');
    assert.equal(copied, [queued], 'the queued mail keeps its language');

    const relay = await spawnRelay({ dataDir: nodeDir, overrides: { databaseUrl: url }, websiteOverrides });
    try {
      await assertServesV010State(relay, facts);
    } finally {
      assert.equal(await relay.stop(), { code: 0, signal: null });
    }
    const emails = (await query<{ email: string }>(url, 'SELECT email FROM signups ORDER BY email')).map((r) => r.email);
    assert.equal(emails, facts.signups);
    const counts = await query(url, 'SELECT event, version, count::int AS count FROM usage_counts ORDER BY event');
    assert.equal(counts, [...facts.usageCounts].sort((a, b) => a.event.localeCompare(b.event)));

    const before = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM ltm_updates');
    const again = await cli(['migrate-to-postgres', '--data', dataDir, '--database-url', url]);
    assert.is(again.code, 1);
    const line = JSON.parse(again.stderr.trim()) as { msg: string; err: string };
    assert.is(line.msg, 'migrate-to-postgres failed');
    assert.match(line.err, /^TargetNotEmptyError: the PostgreSQL database already holds rows in .*accounts/);
    assert.not.match(line.err, new RegExp(url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the URL (with its password) is never echoed');
    assert.equal(await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM ltm_updates'), before);
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
    rmSync(dirname(nodeDir), { recursive: true, force: true });
  }
});

test('a data directory without a relay database is refused by name and PostgreSQL is left empty', async (w) => {
  const empty = makeTempDir();
  const url = await w.cluster.createDatabase('untouched');
  try {
    const result = await cli(['migrate-to-postgres', '--data', empty, '--database-url', url]);
    assert.is(result.code, 1);
    assert.match(JSON.parse(result.stderr.trim()).err, /^DataDirectoryError: .* holds no relay.sqlite/);
    const tables = await query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    assert.equal(tables, []);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test.run();
