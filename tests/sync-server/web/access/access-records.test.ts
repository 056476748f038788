// Runs the AccessRecords acceptance suite on SQLite and on PostgreSQL (a real server started by
// the test), and checks the signing secret every PostgreSQL node shares.
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { createLogger } from '../../../../sync-server/logger.ts';
import { databasePath, openDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { MIGRATIONS } from '../../../../sync-server/data/migrations.ts';
import { applyMigrations, planMigrations } from '../../../../sync-server/data/schema-migrations.ts';
import { createSqliteAccessRecords } from '../../../../sync-server/web/access/sqlite-access-records.ts';
import { openPostgresAccess } from '../../../../sync-server/web/access/postgres-access.ts';
import type { PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../../helpers/shared-postgres.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { accessRecordsAcceptance } from './access-records.acceptance.ts';

accessRecordsAcceptance('sqlite', async () => {
  const dir = makeTempDir();
  const [db, otherDb] = [openDatabase(databasePath(dir)), openDatabase(databasePath(dir))];
  // The schema the relay serves with, as openRelayDatabase leaves it.
  applyMigrations(db, planMigrations(db, MIGRATIONS, databasePath(dir)));
  return {
    records: createSqliteAccessRecords(db),
    other: createSqliteAccessRecords(otherDb),
    async cleanup() {
      db.close();
      otherDb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}).run();

// The run's shared cluster, a fresh database per test (dropped at the file's end).
let cluster: Promise<PostgresCluster> | null = null;
let databases = 0;
const logger = createLogger('silent');
const freshDatabase = async () => {
  cluster ??= sharedPostgres();
  return (await cluster).createDatabase(`records_${++databases}`);
};

accessRecordsAcceptance('postgres', async () => {
  const url = await freshDatabase();
  const [node1, node2] = await Promise.all([openPostgresAccess(url, logger), openPostgresAccess(url, logger)]);
  return {
    records: node1.records,
    other: node2.records,
    async cleanup() {
      await node1.close();
      await node2.close();
    },
  };
}).run();

const secret = suite('the shared signing secret on PostgreSQL');

secret('nodes starting together create one secret and all read it', async () => {
  const url = await freshDatabase();
  const nodes = await Promise.all([1, 2, 3].map(() => openPostgresAccess(url, logger)));
  try {
    assert.is(nodes[0]!.secret.byteLength, 32);
    assert.ok(nodes.every((node) => node.secret.equals(nodes[0]!.secret)));
  } finally {
    await Promise.all(nodes.map((node) => node.close()));
  }
});

secret('a secret row of the wrong size is refused by name', async () => {
  const url = await freshDatabase();
  await (await openPostgresAccess(url, logger)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("UPDATE server_secret SET secret = '\\x00'::bytea");
  } finally {
    await client.end();
  }
  const opened = await openPostgresAccess(url, logger).catch((error: unknown) => error as Error);
  if (!(opened instanceof Error)) await opened.close();
  assert.instance(opened, Error, 'opened with a corrupt secret');
  assert.is((opened as Error).name, 'StoredSecretError');
});

secret.after(async () => {
  if (cluster) await (await cluster).stop();
});
secret.run();
