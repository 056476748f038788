// DocumentStore on PostgreSQL, for several relay processes sharing one database. One row per
// update, (doc, seq) as key, as on SQLite. Several nodes may write one document at once, so every
// transaction that allocates sequence numbers or compacts takes the document's transaction-scoped
// advisory lock first (in a fixed order when a group commit spans documents, so two nodes never
// deadlock). The appending transaction also NOTIFYs each document with its new last sequence
// number; PostgreSQL delivers a notification only when its transaction commits, which is what
// lets other nodes broadcast an update only after it is durable (DocumentFeed).
import pg from 'pg';
import { StoreClosedError } from '../errors.ts';
import type { AppendBatch, DocumentStore, StoredDocument, StoredRow } from './document-store.ts';
import { inTransaction } from '../../postgres/postgres-transaction.ts';

export const UPDATES_CHANNEL = 'ltm_updates' as const;
const SCHEMA_LOCK = 0x6c746d; // 'ltm'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ltm_updates (
    doc  TEXT   NOT NULL,
    seq  BIGINT NOT NULL,
    data BYTEA  NOT NULL,
    PRIMARY KEY (doc, seq)
  );
  CREATE TABLE IF NOT EXISTS ltm_store_probe (
    id         INTEGER PRIMARY KEY,
    checked_at BIGINT NOT NULL
  )`;

interface Row {
  readonly seq: string;
  readonly data: Buffer;
}

const view = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** One notification payload: `<seq> <doc>` (doc names contain no space; seq first keeps parsing simple). */
export function notificationPayload(doc: string, seq: number): string {
  return `${seq} ${doc}`;
}

export class PostgresDocumentStore implements DocumentStore {
  #closed = false;
  #appends: Promise<unknown> = Promise.resolve();
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects (a pool of `poolSize`) and creates the table when it is missing. */
  static async open(url: string, poolSize = 10): Promise<PostgresDocumentStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its connection emits 'error' on the pool; without a listener
    // that would end the process. The next query gets a fresh connection.
    pool.on('error', () => {});
    try {
      // Nodes starting together would race on CREATE TABLE IF NOT EXISTS; one at a time.
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDocumentStore(pool, true);
  }

  async load(doc: string): Promise<StoredDocument> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<Row>('SELECT seq, data FROM ltm_updates WHERE doc = $1 ORDER BY seq', [doc]);
    return this.#stored(rows);
  }

  async loadSince(doc: string, afterSeq: number): Promise<readonly StoredRow[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<Row>('SELECT seq, data FROM ltm_updates WHERE doc = $1 AND seq > $2 ORDER BY seq', [doc, afterSeq]);
    return rows.map((row) => ({ seq: Number(row.seq), update: view(row.data) }));
  }

  append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    this.#assertOpen();
    // One node's appends commit in call order (the contract); the pool would otherwise let a
    // later call win the document lock first. Other nodes interleave through the lock.
    const appended = this.#appends.then(() => this.#appendNow(batches));
    this.#appends = appended.catch(() => {});
    return appended;
  }

  async #appendNow(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    const docs = [...new Set(batches.map((batch) => batch.doc))].sort();
    return this.#transaction(async (client) => {
      for (const doc of docs) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [doc]);
      const result = new Map<string, number>();
      for (const doc of docs) {
        const { rows } = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM ltm_updates WHERE doc = $1', [doc]);
        result.set(doc, Number(rows[0]?.seq ?? 0));
      }
      for (const batch of batches) {
        if (batch.updates.length === 0) continue;
        const first = result.get(batch.doc)! + 1;
        const seqs = batch.updates.map((_, i) => first + i);
        await client.query('INSERT INTO ltm_updates (doc, seq, data) SELECT $1, unnest($2::bigint[]), unnest($3::bytea[])', [
          batch.doc,
          seqs,
          batch.updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)),
        ]);
        result.set(batch.doc, seqs.at(-1)!);
      }
      for (const [doc, seq] of result) await client.query('SELECT pg_notify($1, $2)', [UPDATES_CHANNEL, notificationPayload(doc, seq)]);
      return result;
    });
  }

  async compact(doc: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    if (uptoSeq < 1) return;
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [doc]);
      // Nothing at or below uptoSeq: another node compacted past it (its snapshot covers ours), or
      // the document was deleted; writing a snapshot now would bring back what is gone.
      const { rowCount } = await client.query('SELECT 1 FROM ltm_updates WHERE doc = $1 AND seq <= $2 LIMIT 1', [doc, uptoSeq]);
      if (rowCount === 0) return;
      await client.query('DELETE FROM ltm_updates WHERE doc = $1 AND seq <= $2', [doc, uptoSeq]);
      await client.query('INSERT INTO ltm_updates (doc, seq, data) VALUES ($1, $2, $3)', [doc, uptoSeq, Buffer.from(snapshot)]);
    });
  }

  /** Readiness: a real logged write that commits (one row, rewritten), so a database that is
   *  read-only, out of space or unreachable reads as not ready. */
  async probeCommit(): Promise<void> {
    this.#assertOpen();
    await this.#pool.query(
      'INSERT INTO ltm_store_probe (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      [Date.now()],
    );
  }

  async delete(doc: string): Promise<void> {
    this.#assertOpen();
    await this.#pool.query('DELETE FROM ltm_updates WHERE doc = $1', [doc]);
  }

  async list(prefix: string): Promise<readonly string[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<{ doc: string }>('SELECT DISTINCT doc FROM ltm_updates WHERE starts_with(doc, $1) ORDER BY doc', [prefix]);
    return rows.map((row) => row.doc);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  #stored(rows: readonly Row[]): StoredDocument {
    let byteSize = 0;
    const updates = rows.map((row) => {
      byteSize += row.data.byteLength;
      return view(row.data);
    });
    return { updates, rowCount: rows.length, byteSize, lastSeq: rows.length === 0 ? 0 : Number(rows.at(-1)!.seq) };
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, work);
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('document store is closed');
  }
}
