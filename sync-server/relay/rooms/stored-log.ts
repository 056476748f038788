// What a room knows of its document's rows in the store (count, bytes, last sequence number, size
// of the last snapshot it wrote) and the compaction policy over them: compact once the log passes
// the row or byte limit, where the byte limit grows with the snapshot so a large document is not
// compacted after every few updates, or at once when something was erased from the document. An
// erasure's request stays pending until a compaction replaced every row the log knows of: one
// that another node's missing row (a gap) stopped short leaves later rows, which may hold the
// erased content, and it is retried once the gap fills. Compactions of one document are spaced by
// twenty times the last one's length (an erasure's excepted): better-sqlite3 writes on the event
// loop, and a 16 MiB document takes about 0.6 s (bench relay-document-cap), so however its writers
// behave, one document takes at most a twentieth of the event loop for them.
// The size cap (maxDocumentBytes) is judged on the same figures at the start of a batch. At the
// cap, a compaction comes first when it could help, so a document is refused for its content,
// not its history: when content it held was deleted (deletions shrink a document only once a
// snapshot drops them), when it logged an eighth of the cap since its snapshot, or when the last
// compaction is 10 s old; never within a second of the last one. Then writes that bring content
// are refused; structs whose content was deleted before they reached the relay (a refused
// client's deleted edits) pass, a few bytes each, until an eighth above the cap; from there only
// writes without new structs (deletions) pass. So no kind of write grows a document without
// bound, and deleting always remains a way back under the cap.
export interface CompactionLimits {
  readonly compactAfterRows: number;
  readonly compactAfterBytes: number;
}

/** What a batch's writes may bring: anything; structs without content (and deletions); only
 *  deletions. */
export type Growth = 'any' | 'deletions' | 'none';
export type CapCheck = Growth | 'compact';

/** The share of the cap logged since the snapshot that is worth a compaction at the cap, and the
 *  share above the cap allowed for structs whose content was deleted. */
const CAP_SHARE = 8;
/** Any compaction (an erasure's excepted) waits this many times as long as the last one took. */
export const CAP_RECOMPACTION_COST_FACTOR = 20;
/** At the cap, compactions are also at least this far apart (ms)… */
export const CAP_MIN_RECOMPACTION_MS = 1_000;
/** …and one comes at least this often while rows are logged, deletions or not. */
export const CAP_RECOMPACTION_MS = 10_000;

export class StoredLog {
  rowCount = 0;
  byteSize = 0;
  lastSeq = 0;
  #snapshotBytes = 0;
  #requested = false;
  /** The last sequence number a compaction by this room covered. */
  #compactedUpto = 0;
  /** performance.now() of the last compaction tried by this room (a rebuild keeps it). */
  #compactedAt = Number.NEGATIVE_INFINITY;
  /** How long that compaction took (ms). */
  #compactionMs = 0;
  /** Content the document held was deleted at the cap since the last compaction. */
  #shrank = false;

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
  needsCompaction(limits: CompactionLimits, uptoSeq: number, now: number): boolean {
    if (this.rowCount < 2) return false;
    // While the gap is open, compacting again would rewrite the same rows for nothing.
    if (this.#requested && uptoSeq > this.#compactedUpto) return true;
    if (this.spacingLeft(now) > 0) return false;
    const byteLimit = Math.max(limits.compactAfterBytes, 2 * this.#snapshotBytes);
    return this.rowCount > limits.compactAfterRows || this.byteSize > byteLimit;
  }

  /** What writes may do now, or 'compact' when a compaction should come first. */
  checkCap(maxBytes: number, now: number): CapCheck {
    if (this.byteSize >= maxBytes && this.rowCount > 1 && this.#worthCompacting(maxBytes, now)) return 'compact';
    return this.growth(maxBytes);
  }

  /** What writes may do, by the stored size alone (right after a compaction, say). */
  growth(maxBytes: number): Growth {
    if (this.byteSize < maxBytes) return 'any';
    return this.byteSize < maxBytes + maxBytes / CAP_SHARE ? 'deletions' : 'none';
  }

  /** A batch that deleted content the document held was committed while it was at the cap. */
  shrank(): void {
    this.#shrank = true;
  }

  /** How long (ms) the spacing after the last compaction still holds a compaction back. */
  spacingLeft(now: number): number {
    return Math.max(0, this.#compactedAt + CAP_RECOMPACTION_COST_FACTOR * this.#compactionMs - now);
  }

  /** A compaction that took `tookMs` failed: at the cap, the next waits as after one that worked. */
  compactionFailed(now: number, tookMs: number): void {
    this.#compactedAt = now;
    this.#compactionMs = tookMs;
  }

  #worthCompacting(maxBytes: number, now: number): boolean {
    const since = now - this.#compactedAt;
    if (since < CAP_MIN_RECOMPACTION_MS || this.spacingLeft(now) > 0) return false;
    return this.#shrank || this.byteSize - this.#snapshotBytes >= maxBytes / CAP_SHARE || since >= CAP_RECOMPACTION_MS;
  }

  /** Rows up to `uptoSeq` were replaced by one snapshot; later rows stay. True when none stayed. */
  compacted(snapshotBytes: number, uptoSeq: number, now: number, tookMs = 0): boolean {
    this.#compactedAt = now;
    this.#compactionMs = tookMs;
    this.#shrank = false;
    this.rowCount = 1 + (this.lastSeq - uptoSeq);
    this.byteSize = snapshotBytes;
    this.#snapshotBytes = snapshotBytes;
    this.#compactedUpto = uptoSeq;
    const covered = uptoSeq >= this.lastSeq;
    if (covered) this.#requested = false;
    return covered;
  }
}
