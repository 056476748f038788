// The access, website and OpenID tables on PostgreSQL: nodes creating them at the same moment on a
// fresh database all succeed (the schema lock), and every table has exactly the columns SQLite has
// once migrated, in SQLite's order, so a generic copier can move a SQLite relay's rows across; a
// node starting while another holds a queued mail's claim (through a slow delivery) or writes to
// a table does not wait for it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MIGRATIONS } from '../../../sync-server/data/migrations.ts';
import { applyMigrations, planMigrations } from '../../../sync-server/data/schema-migrations.ts';
import { ACCESS_TABLES, ensurePostgresAccessSchema } from '../../../sync-server/web/access/access-schema.ts';
import { ensurePostgresOidcSchema, OIDC_TABLES } from '../../../sync-server/web/oidc/oidc-schema.ts';
import { ensurePostgresWebsiteSchema, WEBSITE_TABLES } from '../../../sync-server/web/website/website-schema.ts';
import { websiteStores } from '../../../sync-server/web/website/website-stores.ts';
import { postgresDatabases, sqliteBackend } from './web-backends.ts';

const NODES = 4;
const databases = postgresDatabases('web_schema');
const test = suite('web tables on PostgreSQL');
test.after(() => databases.stop());

test('nodes creating the tables at once all succeed, with the columns SQLite has', async () => {
  const backend = await databases.open();
  const sqlite = sqliteBackend();
  try {
    // The tables as a relay serves with them (openRelayDatabase migrates first).
    applyMigrations(sqlite.db, planMigrations(sqlite.db, MIGRATIONS, 'test'));
    const pools = [backend.pool, ...Array.from({ length: NODES - 1 }, () => backend.openPool())];
    await Promise.all(pools.flatMap((pool) => [ensurePostgresAccessSchema(pool), ensurePostgresWebsiteSchema(pool), ensurePostgresOidcSchema(pool)]));
    for (const table of [...ACCESS_TABLES, ...WEBSITE_TABLES, ...OIDC_TABLES]) {
      const { rows } = await backend.pool.query<{ name: string }>(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [table],
      );
      const expected = (sqlite.db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name);
      assert.ok(expected.length > 0, table);
      assert.equal(rows.map((c) => c.name), expected, table);
    }
    // The SQLite schema's indexes, made once on PostgreSQL too.
    const indexes = (sqlite.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((i) => i.name);
    const { rows: made } = await backend.pool.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1) ORDER BY indexname", [indexes]);
    assert.ok(indexes.length >= 7, indexes.join());
    assert.equal(made.map((i) => i.name), indexes);
  } finally {
    await sqlite.cleanup();
    await backend.cleanup();
  }
});

test('a node starting while another holds a claim on a queued mail, or writes to it, creates its tables without waiting', async () => {
  const backend = await databases.open();
  const sending = await backend.pool.connect();
  try {
    await ensurePostgresWebsiteSchema(backend.pool);
    await websiteStores({ pool: backend.pool }).signUps.add('ana@example.com', Date.UTC(2026, 0, 5), 'en');
    // What a node does while it hands a mail to SMTP: the claim's transaction stays open; and a
    // write in flight on the same table.
    await sending.query('BEGIN');
    await sending.query('SELECT mail_id FROM mail_outbox FOR UPDATE');
    await sending.query('UPDATE mail_outbox SET attempts = attempts');
    // A wait for a lock on a table that transaction holds fails after 3 s instead of blocking.
    const database = new URL(backend.url).pathname.slice(1);
    await backend.pool.query(`ALTER DATABASE "${database}" SET lock_timeout = '3s'`);
    const starting = backend.openPool('starting-node');
    await Promise.all([ensurePostgresAccessSchema(starting), ensurePostgresWebsiteSchema(starting), ensurePostgresOidcSchema(starting)]);
  } finally {
    await sending.query('ROLLBACK').catch(() => {});
    sending.release();
    await backend.cleanup();
  }
});

test.run();
