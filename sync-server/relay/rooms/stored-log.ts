// What a room knows of its document's rows in the store (count, bytes, last sequence number, size
// of the last snapshot it wrote) and the compaction policy over them: compact once the log passes
// the row or byte limit, where the byte limit grows with the snapshot so a large document is not
// compacted after every few updates, or at once when something was erased from the document. An
// erasure's request stays pending until a compaction replaced every row the log knows of: one
// that another node's missing row (a gap) stopped short leaves later rows, which may hold the
// erased content, and it is retried once the gap fills.
export interface CompactionLimits {
  readonly compactAfterRows: number;
  readonly compactAfterBytes: number;
}

export class StoredLog {
  rowCount = 0;
  byteSize = 0;
  lastSeq = 0;
  #snapshotBytes = 0;
  #requested = false;
  /** The last sequence number a compaction by this room covered. */
  #compactedUpto = 0;

  /** The document was (re)loaded: its rows as the store returned them. */
  loaded(rowCount: number, byteSize: number, lastSeq: number): void {
    this.rowCount = rowCount;
    this.byteSize = byteSize;
    this.lastSeq = lastSeq;
    this.#compactedUpto = 0;
  }

  /** One more row in the store (this node's commit or another node's). */
  added(bytes: number): void {
    this.rowCount += 1;
    this.byteSize += bytes;
  }

  /** Content was erased from the document: old rows must not keep it past the next compaction. */
  request(): void {
    this.#requested = true;
  }

  /** `uptoSeq`: how far a compaction could replace rows now. */
  needsCompaction(limits: CompactionLimits, uptoSeq: number): boolean {
    if (this.rowCount < 2) return false;
    // While the gap is open, compacting again would rewrite the same rows for nothing.
    if (this.#requested && uptoSeq > this.#compactedUpto) return true;
    const byteLimit = Math.max(limits.compactAfterBytes, 2 * this.#snapshotBytes);
    return this.rowCount > limits.compactAfterRows || this.byteSize > byteLimit;
  }

  /** Rows up to `uptoSeq` were replaced by one snapshot; later rows stay. True when none stayed. */
  compacted(snapshotBytes: number, uptoSeq: number): boolean {
    this.rowCount = 1 + (this.lastSeq - uptoSeq);
    this.byteSize = snapshotBytes;
    this.#snapshotBytes = snapshotBytes;
    this.#compactedUpto = uptoSeq;
    const covered = uptoSeq >= this.lastSeq;
    if (covered) this.#requested = false;
    return covered;
  }
}
