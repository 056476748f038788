// What a room knows of its document's rows in the store (count, bytes, last sequence number, size
// of the last snapshot it wrote) and the compaction policy over them: compact once the log passes
// the row or byte limit, where the byte limit grows with the snapshot so a large document is not
// compacted after every few updates, or at once when something was erased from the document. An
// erasure's request stays pending until a compaction replaced every row the log knows of: one
// that another node's missing row (a gap) stopped short leaves later rows, which may hold the
// erased content, and it is retried once the gap fills.
// The size cap (maxDocumentBytes) is judged on the same figures at the start of a batch. A log at
// the cap is compacted first, so a document is refused for its content, not its history: when it
// logged enough since its snapshot to matter, or when its last compaction is a while ago (the
// deletions a full document still takes shrink it only once a snapshot drops them). The interval
// keeps a document at the cap from being re-encoded on every write.
export interface CompactionLimits {
  readonly compactAfterRows: number;
  readonly compactAfterBytes: number;
}

export type CapCheck = 'under' | 'compact' | 'full';

/** Below this share of the cap, what was logged since the snapshot is not worth a compaction… */
const CAP_COMPACTION_SHARE = 8;
/** …unless the last compaction is this old (ms). */
export const CAP_RECOMPACTION_MS = 10_000;

export class StoredLog {
  rowCount = 0;
  byteSize = 0;
  lastSeq = 0;
  #snapshotBytes = 0;
  #requested = false;
  /** The last sequence number a compaction by this room covered. */
  #compactedUpto = 0;
  /** performance.now() of that compaction; never, for a document as loaded. */
  #compactedAt = Number.NEGATIVE_INFINITY;

  /** The document was (re)loaded: its rows as the store returned them. */
  loaded(rowCount: number, byteSize: number, lastSeq: number): void {
    this.rowCount = rowCount;
    this.byteSize = byteSize;
    this.lastSeq = lastSeq;
    this.#compactedUpto = 0;
    this.#compactedAt = Number.NEGATIVE_INFINITY;
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

  /** Whether the document may grow: under the cap, full, or to be compacted first and asked again. */
  checkCap(maxBytes: number, now: number): CapCheck {
    if (this.byteSize < maxBytes) return 'under';
    if (this.rowCount < 2) return 'full';
    const logged = this.byteSize - this.#snapshotBytes;
    return logged >= maxBytes / CAP_COMPACTION_SHARE || now - this.#compactedAt >= CAP_RECOMPACTION_MS ? 'compact' : 'full';
  }

  /** Rows up to `uptoSeq` were replaced by one snapshot; later rows stay. True when none stayed. */
  compacted(snapshotBytes: number, uptoSeq: number, now: number): boolean {
    this.#compactedAt = now;
    this.rowCount = 1 + (this.lastSeq - uptoSeq);
    this.byteSize = snapshotBytes;
    this.#snapshotBytes = snapshotBytes;
    this.#compactedUpto = uptoSeq;
    const covered = uptoSeq >= this.lastSeq;
    if (covered) this.#requested = false;
    return covered;
  }
}
