// DocumentStore in memory: the second real implementation, for fast tests and as the reference
// the acceptance suite holds SQLite to. Data is copied in and out so callers cannot mutate it.
import { StoreClosedError } from '../errors.ts';
import type { AppendBatch, DocumentStore, StoredDocument, StoredRow } from './document-store.ts';

interface Row {
  readonly seq: number;
  readonly data: Uint8Array;
}

export class MemoryDocumentStore implements DocumentStore {
  #closed = false;
  readonly #docs = new Map<string, Row[]>();

  async load(doc: string): Promise<StoredDocument> {
    this.#assertOpen();
    const rows = this.#docs.get(doc) ?? [];
    const byteSize = rows.reduce((sum, row) => sum + row.data.byteLength, 0);
    return {
      updates: rows.map((row) => row.data.slice()),
      rowCount: rows.length,
      byteSize,
      lastSeq: rows.at(-1)?.seq ?? 0,
    };
  }

  async loadSince(doc: string, afterSeq: number): Promise<readonly StoredRow[]> {
    this.#assertOpen();
    return (this.#docs.get(doc) ?? []).filter((row) => row.seq > afterSeq).map((row) => ({ seq: row.seq, update: row.data.slice() }));
  }

  async append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    this.#assertOpen();
    const result = new Map<string, number>();
    for (const batch of batches) {
      const rows = this.#docs.get(batch.doc) ?? [];
      let seq = rows.at(-1)?.seq ?? 0;
      for (const update of batch.updates) rows.push({ seq: ++seq, data: update.slice() });
      if (rows.length > 0) this.#docs.set(batch.doc, rows);
      result.set(batch.doc, seq);
    }
    return result;
  }

  async compact(doc: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.#assertOpen();
    if (uptoSeq < 1) return;
    const kept = (this.#docs.get(doc) ?? []).filter((row) => row.seq > uptoSeq);
    this.#docs.set(doc, [{ seq: uptoSeq, data: snapshot.slice() }, ...kept]);
  }

  async delete(doc: string): Promise<void> {
    this.#assertOpen();
    this.#docs.delete(doc);
  }

  async list(prefix: string): Promise<readonly string[]> {
    this.#assertOpen();
    return [...this.#docs.keys()].filter((doc) => doc.startsWith(prefix)).sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('document store is closed');
  }
}
