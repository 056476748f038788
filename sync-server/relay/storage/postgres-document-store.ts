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

/** Creates the document tables when missing (also for migrate-to-postgres, on its own pool). */
export async function ensurePostgresDocumentSchema(pool: pg.Pool): Promise<void> {
  // Nodes starting together would race on CREATE TABLE IF NOT EXISTS; one at a time.
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
  });
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
      await ensurePostgresDocumentSchema(pool);
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

  /** A fixed number of round trips whatever the number of documents: a group commit under load
   *  spans hundreds of rooms, and one query per document each (lock, max, insert, notify) made
   *  a commit take seconds and the backlog grow. */
  async #appendNow(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    const docs = [...new Set(batches.map((batch) => batch.doc))].sort();
    return this.#transaction(async (client) => {
      // Locks in sorted order, so two nodes never deadlock: PostgreSQL evaluates a volatile
      // function in the target list after ORDER BY (since 9.6).
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended(d, 0)) FROM unnest($1::text[]) AS d ORDER BY d', [docs]);
      const { rows } = await client.query<{ doc: string; seq: string | null }>(
        'SELECT d AS doc, (SELECT max(seq) FROM ltm_updates WHERE doc = d) AS seq FROM unnest($1::text[]) AS d',
        [docs],
      );
      const result = new Map<string, number>(rows.map((row) => [row.doc, Number(row.seq ?? 0)]));
      const column = { doc: [] as string[], seq: [] as number[], data: [] as Buffer[] };
      for (const batch of batches) {
        let seq = result.get(batch.doc)!;
        for (const update of batch.updates) {
          column.doc.push(batch.doc);
          column.seq.push(++seq);
          column.data.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
        }
        result.set(batch.doc, seq);
      }
      if (column.doc.length > 0) {
        await client.query('INSERT INTO ltm_updates (doc, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])', [column.doc, column.seq, column.data]);
      }
      const payloads = [...result].map(([doc, seq]) => notificationPayload(doc, seq));
      await client.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [UPDATES_CHANNEL, payloads]);
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
