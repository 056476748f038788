// DocumentStore on SQLite: one row per update, (doc, seq) as key. Appends of many documents share
// one transaction (the relay's group commit). Compaction replaces a prefix of a document's rows
// by one snapshot row in one transaction, so a crash leaves either the old rows or the snapshot.
// The store borrows the Database: whoever opened it closes it (access shares it).
// Each document's last seq is remembered after a commit, so a group commit runs one statement
// per update instead of two; the relay is the only writer of its file (backup and check only read
// it while a relay runs), and the memory stays bounded (forgotten wholesale past MAX_CACHED_SEQS).
// The readiness probe writes a row of two pages into store_probe and deletes it in one
// transaction: it commits like an append that needs new pages, and leaves the table empty.
import { StoreClosedError } from '../errors.ts';
import type { AppendBatch, DocumentStore, StoredDocument, StoredRow } from './document-store.ts';
import type { SqliteDatabase } from './sqlite-database.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS updates (
    doc  TEXT    NOT NULL,
    seq  INTEGER NOT NULL,
    data BLOB    NOT NULL,
    PRIMARY KEY (doc, seq)
  );
  CREATE TABLE IF NOT EXISTS store_probe (
    checked_at INTEGER NOT NULL,
    pad BLOB NOT NULL
  ) STRICT`;

export function ensureDocumentSchema(db: SqliteDatabase): void {
  db.exec(SCHEMA);
}

/** Upper bound for prefix ranges: sorts after every UTF-8 string that starts with the prefix. */
const MAX_CHAR = '\u{10FFFF}';

const MAX_CACHED_SEQS = 10_000;

const view = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

interface Row {
  readonly seq: number;
  readonly data: Buffer;
}

export class SqliteDocumentStore implements DocumentStore {
  #closed = false;
  readonly #lastSeqs = new Map<string, number>();
  readonly #select;
  readonly #selectSince;
  readonly #lastSeq;
  readonly #insert;
  readonly #deleteUpTo;
  readonly #deleteDoc;
  readonly #list;
  readonly #appendAll;
  readonly #compact;
  readonly #probe;

  constructor(db: SqliteDatabase) {
    ensureDocumentSchema(db);
    this.#select = db.prepare<[string], Row>('SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq');
    this.#selectSince = db.prepare<[string, number], Row>('SELECT seq, data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq');
    this.#lastSeq = db.prepare<[string], { seq: number | null }>(
      'SELECT max(seq) AS seq FROM updates WHERE doc = ?',
    );
    this.#insert = db.prepare<[string, number, Uint8Array]>('INSERT INTO updates (doc, seq, data) VALUES (?, ?, ?)');
    this.#deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
    this.#deleteDoc = db.prepare<[string]>('DELETE FROM updates WHERE doc = ?');
    this.#list = db.prepare<[string, string], { doc: string }>(
      'SELECT DISTINCT doc FROM updates WHERE doc >= ? AND doc < ? ORDER BY doc',
    );
    this.#appendAll = db.transaction((batches: readonly AppendBatch[]) => {
      const result = new Map<string, number>();
      for (const batch of batches) {
        let seq = result.get(batch.doc) ?? this.#lastSeqs.get(batch.doc) ?? this.#lastSeq.get(batch.doc)?.seq ?? 0;
        for (const update of batch.updates) this.#insert.run(batch.doc, ++seq, update);
        result.set(batch.doc, seq);
      }
      return result;
    });
    this.#compact = db.transaction((doc: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.#deleteUpTo.run(doc, uptoSeq);
      this.#insert.run(doc, uptoSeq, snapshot);
    });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const probeRow = db.prepare<[number, number]>('INSERT INTO store_probe (checked_at, pad) VALUES (?, zeroblob(?))');
    const clearProbe = db.prepare('DELETE FROM store_probe');
    this.#probe = db.transaction((now: number) => {
      probeRow.run(now, 2 * pageSize);
      clearProbe.run();
    });
  }

  async load(doc: string): Promise<StoredDocument> {
    this.#assertOpen();
    const rows = this.#select.all(doc);
    let byteSize = 0;
    const updates = rows.map((row) => {
      byteSize += row.data.byteLength;
      return view(row.data);
    });
    return { updates, rowCount: rows.length, byteSize, lastSeq: rows.at(-1)?.seq ?? 0 };
  }

  async loadSince(doc: string, afterSeq: number): Promise<readonly StoredRow[]> {
    this.#assertOpen();
    return this.#selectSince.all(doc, afterSeq).map((row) => ({ seq: row.seq, update: view(row.data) }));
  }

  async append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    this.#assertOpen();
    // Remembered only once the transaction has committed: a rolled-back one leaves no trace.
    const seqs = this.#appendAll(batches);
    if (this.#lastSeqs.size + seqs.size > MAX_CACHED_SEQS) this.#lastSeqs.clear();
    for (const [doc, seq] of seqs) this.#lastSeqs.set(doc, seq);
    return seqs;
  }

  async compact(doc: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    if (uptoSeq < 1) return;
    this.#compact(doc, snapshot, uptoSeq);
  }

  async delete(doc: string): Promise<void> {
    this.#assertOpen();
    this.#deleteDoc.run(doc);
    this.#lastSeqs.delete(doc);
  }

  async list(prefix: string): Promise<readonly string[]> {
    this.#assertOpen();
    return this.#list.all(prefix, prefix + MAX_CHAR).map((row) => row.doc);
  }

  async probeCommit(): Promise<void> {
    this.#assertOpen();
    this.#probe(Date.now());
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('document store is closed');
  }
}
