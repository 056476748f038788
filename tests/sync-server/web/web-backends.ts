// The two databases the web half's stores run on, for suites that run once per backend: the
// relay's SQLite database in a temp dir (with the access, OpenID and website tables, migrated to
// this relay's schema version as a serving relay's are), or a fresh
// database on a real PostgreSQL cluster (the run's shared one, or with ownServer one for the
// suite, started on first use, for suites that stop the server). A test opens as many pools on
// one PostgreSQL database as it has nodes.
import { rmSync } from 'node:fs';
import type pg from 'pg';
import { MIGRATIONS } from '../../../sync-server/data/migrations.ts';
import { applyMigrations, planMigrations } from '../../../sync-server/data/schema-migrations.ts';
import { createPostgresPool } from '../../../sync-server/postgres/postgres-pool.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { ensurePostgresAccessSchema } from '../../../sync-server/web/access/access-schema.ts';
import { startPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../../helpers/shared-postgres.ts';
import { makeTempDir } from '../helpers/relay-harness.ts';

export type BackendKind = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendKind[] = ['sqlite', 'postgres'];

export interface SqliteBackend {
  readonly kind: 'sqlite';
  readonly db: SqliteDatabase;
  readonly dataDir: string;
  count(table: string): Promise<number>;
  cleanup(): Promise<void>;
}

export interface PostgresBackend {
  readonly kind: 'postgres';
  readonly url: string;
  readonly pool: pg.Pool;
  readonly dataDir: string;
  /** Another node's pool on the same database; its connections carry `name` (application_name). */
  openPool(name?: string): pg.Pool;
  count(table: string): Promise<number>;
  cleanup(): Promise<void>;
}

export type WebBackend = SqliteBackend | PostgresBackend;

export function sqliteBackend(): SqliteBackend {
  const dataDir = makeTempDir();
  const file = databasePath(dataDir);
  const db = openDatabase(file);
  applyMigrations(db, planMigrations(db, MIGRATIONS, file));
  return {
    kind: 'sqlite',
    db,
    dataDir,
    count: async (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    async cleanup() {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fresh PostgreSQL databases on one cluster, started when first asked for. */
export function postgresDatabases(prefix: string, options: { ownServer?: boolean } = {}) {
  let cluster: Promise<PostgresCluster> | null = null;
  let made = 0;
  const start = () => (options.ownServer ? startPostgres() : sharedPostgres());
  const createUrl = async () => {
    cluster ??= start();
    return (await cluster).createDatabase(`${prefix}_${++made}`);
  };
  return {
    /** A fresh, empty database. */
    createUrl,
    async open(): Promise<PostgresBackend> {
      const url = await createUrl();
      const pools: pg.Pool[] = [];
      const openPool = (name?: string) => {
        const pool = createPostgresPool({ connectionString: url, max: 4, ...(name ? { application_name: name } : {}) });
        pools.push(pool);
        return pool;
      };
      const pool = openPool();
      // The OpenID records create accounts in the access records' table.
      await ensurePostgresAccessSchema(pool);
      const dataDir = makeTempDir();
      return {
        kind: 'postgres',
        url,
        pool,
        dataDir,
        openPool,
        count: async (table) => (await pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n,
        async cleanup() {
          await Promise.all(pools.map((p) => p.end()));
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    /** The cluster's server, to stop and start it again (a database outage; needs ownServer). */
    async server(): Promise<PostgresCluster> {
      cluster ??= start();
      return cluster;
    },
    async stop() {
      if (cluster) await (await cluster).stop();
    },
  };
}
