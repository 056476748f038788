// `ltm-relay migrate-to-postgres`: copies a SQLite relay's whole state (documents, accounts,
// sessions, shares, sign-ups, usage counts, the outbox, OpenID records and the signing secret)
// into an empty PostgreSQL database, so relays started on it with --database-url accept every
// existing session and token. The source is read from an online-backup snapshot, so a relay may
// keep serving it while the copy runs (what it commits afterwards is not copied: stop it first
// for a cut-over). The copy is one PostgreSQL transaction: it lands whole or not at all. Every
// PostgreSQL store keeps the SQLite table and column names, which is what lets one generic copy
// move every table, each after the tables it references (reference-order.ts); a table or column
// PostgreSQL lacks stops the copy with a named error rather than dropping data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createPostgresPool } from '../postgres/postgres-pool.ts';
import { ensurePostgresDocumentSchema } from '../relay/storage/postgres-document-store.ts';
import { openExistingDatabase, type SqliteDatabase } from '../relay/storage/sqlite-database.ts';
import { accessDefaults } from '../web/access/access-config.ts';
import { ensurePostgresAccessSchema } from '../web/access/access-schema.ts';
import { readServerSecret } from '../web/access/server-secret.ts';
import { ensurePostgresOidcSchema } from '../web/oidc/oidc-schema.ts';
import { ensurePostgresWebsiteSchema } from '../web/website/website-schema.ts';
import { copyDatabase } from './data-backup.ts';
import { existingDatabase } from './data-directory.ts';
import { readingDatabase } from './database-read-error.ts';
import { databaseLabel, DatabaseUnavailableError } from './open-relay-postgres.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { inReferenceOrder } from './reference-order.ts';
import { schemaVersion } from './schema-migrations.ts';

/** SQLite tables that PostgreSQL names differently; the rest keep their names. */
const RENAMED: Readonly<Record<string, string>> = { updates: 'ltm_updates' };
/** Tables that hold nothing to carry over (readiness probes). */
const SKIPPED = new Set(['store_probe']);
/** PostgreSQL-only tables that must be empty too: a relay already started on the database. */
const POSTGRES_ONLY = ['server_secret'];
const ROWS_PER_INSERT = 500;

export class MigrateToPostgresError extends Error {
  override readonly name = 'MigrateToPostgresError';
}

export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
}

export interface CopiedTable {
  readonly sqlite: string;
  readonly postgres: string;
  readonly rows: number;
}

export interface MigrationSummary {
  readonly tables: readonly CopiedTable[];
  readonly secret: boolean;
}

export async function migrateToPostgres(dataDir: string, databaseUrl: string): Promise<MigrationSummary> {
  const source = existingDatabase(dataDir);
  const scratch = mkdtempSync(join(tmpdir(), 'ltm-migrate-'));
  const pool = createPostgresPool({ connectionString: databaseUrl, max: 2 });
  try {
    const snapshot = join(scratch, 'snapshot.sqlite');
    const live = await readingDatabase(source, () => openExistingDatabase(source, { readonly: true }));
    try {
      const version = await readingDatabase(source, () => schemaVersion(live));
      if (version !== SCHEMA_VERSION) {
        throw new MigrateToPostgresError(`${source} is at schema version ${version}, this relay writes ${SCHEMA_VERSION}; start this relay on it once (or use the matching release), then migrate`);
      }
      await readingDatabase(source, () => copyDatabase(live, snapshot));
    } finally {
      live.close();
    }
    const db = openExistingDatabase(snapshot, { readonly: true });
    try {
      await prepareSchema(pool).catch((error: unknown) => {
        throw new DatabaseUnavailableError(`PostgreSQL at ${databaseLabel(databaseUrl)} cannot be used: ${(error as Error).message}`, { cause: error });
      });
      // Rows the snapshot cannot give back are the source's damage, named by the source's path.
      return await readingDatabase(source, () => copyAll(db, pool, readServerSecret(dataDir, accessDefaults.secretFileName)));
    } finally {
      db.close();
    }
  } finally {
    await pool.end();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every table a relay on PostgreSQL uses, made by the stores' own schema code. */
async function prepareSchema(pool: pg.Pool): Promise<void> {
  await ensurePostgresDocumentSchema(pool);
  await ensurePostgresAccessSchema(pool);
  await ensurePostgresWebsiteSchema(pool);
  await ensurePostgresOidcSchema(pool);
}

async function copyAll(db: SqliteDatabase, pool: pg.Pool, secret: Buffer | null): Promise<MigrationSummary> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // An operator's one-off copy of a whole relay: its statements may take as long as they need,
    // and the session may sit idle in the transaction while a large SQLite table is read.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    const plans = [];
    for (const table of sqliteTables(db)) plans.push({ table, columns: await matchColumns(db, client, table) });
    const occupied = [];
    for (const table of [...plans.map((plan) => postgresName(plan.table)), ...POSTGRES_ONLY]) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS taken`);
      if (rows[0].taken) occupied.push(table);
    }
    if (occupied.length > 0) throw new TargetNotEmptyError(`the PostgreSQL database already holds rows in ${occupied.join(', ')}; migrate into an empty database`);
    const tables: CopiedTable[] = [];
    for (const { table, columns } of plans) tables.push({ sqlite: table, postgres: postgresName(table), rows: await copyTable(db, client, table, columns) });
    if (secret !== null) await client.query('INSERT INTO server_secret (id, secret) VALUES (1, $1)', [secret]);
    await client.query('COMMIT');
    return { tables, secret: secret !== null };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function postgresName(table: string): string {
  return RENAMED[table] ?? table;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function sqliteTables(db: SqliteDatabase): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return inReferenceOrder(db, rows.map((row) => row.name).filter((name) => !SKIPPED.has(name)));
}

/** The SQLite table's columns, each of which PostgreSQL must have under the same name. */
async function matchColumns(db: SqliteDatabase, client: pg.PoolClient, table: string): Promise<string[]> {
  const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
  const { rows } = await client.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [postgresName(table)],
  );
  if (rows.length === 0) throw new MigrateToPostgresError(`PostgreSQL has no table ${postgresName(table)} for SQLite's ${table}`);
  const known = new Set(rows.map((row) => row.column_name));
  const missing = columns.filter((column) => !known.has(column));
  if (missing.length > 0) throw new MigrateToPostgresError(`PostgreSQL's ${postgresName(table)} lacks the column(s) ${missing.join(', ')}`);
  return columns;
}

async function copyTable(db: SqliteDatabase, client: pg.PoolClient, table: string, columns: readonly string[]): Promise<number> {
  const select = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw(true);
  const head = `INSERT INTO ${quote(postgresName(table))} (${columns.map(quote).join(', ')}) VALUES `;
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await client.query(head + values.join(', '), batch.flat());
    copied += batch.length;
    batch = [];
  };
  for (const row of select.iterate() as Iterable<unknown[]>) {
    batch.push(row.map(toPostgres));
    if (batch.length === ROWS_PER_INSERT) await flush();
  }
  await flush();
  await resetSequences(client, postgresName(table));
  return copied;
}

/** SQLite hands big integers back as bigint with safeIntegers; pg takes them as text. */
function toPostgres(value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Serial and identity columns continue after the copied ids, not from 1. */
async function resetSequences(client: pg.PoolClient, table: string): Promise<void> {
  const { rows } = await client.query<{ column_name: string; seq: string | null }>(
    `SELECT column_name, pg_get_serial_sequence($1, column_name) AS seq
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $2`,
    [quote(table), table],
  );
  for (const { column_name: column, seq } of rows) {
    if (seq === null) continue;
    await client.query(`SELECT setval($1, GREATEST((SELECT max(${quote(column)}) FROM ${quote(table)}), 1), (SELECT count(*) > 0 FROM ${quote(table)}))`, [seq]);
  }
}
