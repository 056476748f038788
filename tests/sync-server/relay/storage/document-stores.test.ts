// Runs the DocumentStore acceptance suite against every implementation.
import fs from 'node:fs';
import { MemoryDocumentStore } from '../../../../sync-server/relay/storage/memory-document-store.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import { PostgresDocumentStore } from '../../../../sync-server/relay/storage/postgres-document-store.ts';
import type { PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../../helpers/shared-postgres.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';
import { documentStoreAcceptance } from './document-store.acceptance.ts';

documentStoreAcceptance('memory', async () => {
  const store = new MemoryDocumentStore();
  return { store, cleanup: () => store.close() };
}).run();

documentStoreAcceptance('sqlite', async () => {
  const dir = makeTempDir();
  const file = databasePath(dir);
  let db: SqliteDatabase = openDatabase(file);
  let store = new SqliteDocumentStore(db);
  return {
    store,
    async reopen() {
      await store.close();
      db.close();
      db = openDatabase(file);
      store = new SqliteDocumentStore(db);
      return store;
    },
    async cleanup() {
      await store.close();
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}).run();

// The run's shared cluster, a fresh database per test (dropped at the suite's end).
let cluster: Promise<PostgresCluster> | null = null;
let databases = 0;
const postgres = documentStoreAcceptance('postgres', async () => {
  cluster ??= sharedPostgres();
  const url = await (await cluster).createDatabase(`acceptance_${++databases}`);
  let store = await PostgresDocumentStore.open(url, 4);
  return {
    store,
    async reopen() {
      await store.close();
      store = await PostgresDocumentStore.open(url, 4);
      return store;
    },
    cleanup: () => store.close(),
  };
});
postgres.after(async () => {
  if (cluster) await (await cluster).stop();
});
postgres.run();
