// DocumentStore on PostgreSQL, for several relay processes sharing one database. One row per
// update, (doc, seq) as key, as on SQLite. Several nodes may write one document at once, so every
// transaction that allocates sequence numbers or compacts takes the document's transaction-scoped
// advisory lock first (in a fixed order when a group commit spans documents, so two nodes never
// deadlock). The append is one server-side function (postgres-append-function.ts). Once it has
// committed, the store NOTIFYs each document with its new last sequence number (and the row when
// it fits), in a statement of its own (postgres-commit-notifier.ts): other nodes hear of an update
// only after it is durable, and broadcast it then (UpdateFeed).
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import { StoreClosedError } from '../errors.ts';
import type { AppendBatch, DocumentStore, StoredDocument, StoredRow } from './document-store.ts';
import { inTransaction } from '../../postgres/postgres-transaction.ts';
import { createPostgresPool } from '../../postgres/postgres-pool.ts';
import { createSchema } from '../../postgres/postgres-schema-lock.ts';
import { APPEND_CALL, APPEND_FUNCTION } from './postgres-append-function.ts';
import { formatNotification } from './commit-notification.ts';
import { PostgresCommitNotifier } from './postgres-commit-notifier.ts';
import { splitAppended } from './split-appended.ts';

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
  );
  ${APPEND_FUNCTION}`;

interface QueuedAppend {
  readonly batches: readonly AppendBatch[];
  readonly resolve: (seqs: ReadonlyMap<string, number>) => void;
  readonly reject: (error: unknown) => void;
}

interface Row {
  readonly seq: number;
  readonly data: Buffer;
}

const view = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Creates the document tables when missing (also for migrate-to-postgres, on its own pool). */
export function ensurePostgresDocumentSchema(pool: pg.Pool): Promise<void> {
  return createSchema(pool, SCHEMA);
}

/** One payload per document of a commit; the row rides along when it was the document's only one. */
function notifications(batches: readonly AppendBatch[], lastSeqs: ReadonlyMap<string, number>): string[] {
  const rows = new Map<string, { count: number; first: Uint8Array | undefined }>();
  for (const batch of batches) {
    const seen = rows.get(batch.doc) ?? { count: 0, first: batch.updates[0] };
    rows.set(batch.doc, { count: seen.count + batch.updates.length, first: seen.first });
  }
  const payloads: string[] = [];
  for (const [doc, { count, first }] of rows) {
    const seq = lastSeqs.get(doc);
    if (seq !== undefined) payloads.push(formatNotification(doc, seq, count === 1 ? first : undefined));
  }
  return payloads;
}

export class PostgresDocumentStore implements DocumentStore {
  #closed = false;
  #queued: QueuedAppend[] = [];
  #appending = false;
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #notifier: PostgresCommitNotifier;

  private constructor(pool: pg.Pool, ownsPool: boolean, logger: Logger | null) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#notifier = new PostgresCommitNotifier(pool, logger);
  }

  /** Connects (a pool of `poolSize`) and creates the table when it is missing. `logger` hears of
   *  notifications that could not be sent. */
  static async open(url: string, poolSize = 10, logger: Logger | null = null): Promise<PostgresDocumentStore> {
    const pool = createPostgresPool({ connectionString: url, max: poolSize });
    try {
      await ensurePostgresDocumentSchema(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDocumentStore(pool, true, logger);
  }

  async load(doc: string): Promise<StoredDocument> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<Row>('SELECT seq, data FROM ltm_updates WHERE doc = $1 ORDER BY seq', [doc]);
    return this.#stored(rows);
  }

  async loadSince(doc: string, afterSeq: number): Promise<readonly StoredRow[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<Row>('SELECT seq, data FROM ltm_updates WHERE doc = $1 AND seq > $2 ORDER BY seq', [doc, afterSeq]);
    return rows.map((row) => ({ seq: row.seq, update: view(row.data) }));
  }

  append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    this.#assertOpen();
    return new Promise((resolve, reject) => {
      this.#queued.push({ batches, resolve, reject });
      if (!this.#appending) void this.#appendQueued();
    });
  }

  /** One node's appends commit in call order (the contract), one call at a time: the pool would
   *  otherwise let a later call win a document's lock first. Calls made while one is in flight are
   *  merged into the next, so a slow commit is followed by one commit, not a queue of them. */
  async #appendQueued(): Promise<void> {
    this.#appending = true;
    while (this.#queued.length > 0) {
      const calls = this.#queued;
      this.#queued = [];
      try {
        const results = splitAppended(calls.map((call) => call.batches), await this.#appendRows(calls.flatMap((call) => call.batches)));
        calls.forEach((call, i) => call.resolve(results[i]!));
      } catch (error) {
        for (const call of calls) call.reject(error);
      }
    }
    this.#appending = false;
  }

  /** One statement in autocommit, whatever the number of documents (postgres-append-function.ts). */
  async #appendRows(batches: readonly AppendBatch[]): Promise<Map<string, number>> {
    const docs: string[] = [];
    const datas: Buffer[] = [];
    for (const batch of batches) {
      for (const update of batch.updates) {
        docs.push(batch.doc);
        datas.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      }
    }
    if (docs.length === 0) return new Map();
    const { rows } = await this.#pool.query<{ appended_doc: string; last_seq: number }>({ ...APPEND_CALL, values: [docs, datas] });
    const lastSeqs = new Map(rows.map((row) => [row.appended_doc, row.last_seq]));
    this.#notifier.notify(notifications(batches, lastSeqs));
    return lastSeqs;
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
    await this.#notifier.settled();
    if (this.#ownsPool) await this.#pool.end();
  }

  #stored(rows: readonly Row[]): StoredDocument {
    let byteSize = 0;
    const updates = rows.map((row) => {
      byteSize += row.data.byteLength;
      return view(row.data);
    });
    return { updates, rowCount: rows.length, byteSize, lastSeq: rows.length === 0 ? 0 : rows.at(-1)!.seq };
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, work);
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('document store is closed');
  }
}
