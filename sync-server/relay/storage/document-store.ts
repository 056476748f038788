// The persistence boundary of the relay. Every engine (SQLite today, a shared database later)
// implements this interface and passes the same acceptance suite (tests/sync-server/relay/storage).
// Invariant: when a returned promise resolves, the data is durable (committed, fsync'd per the
// engine's durability mode); the relay broadcasts an update only after that.

export interface StoredDocument {
  /** Updates in append order; the first may be a compacted snapshot. */
  readonly updates: readonly Uint8Array[];
  /** Number of stored rows and their total byte size, for the compaction threshold. */
  readonly rowCount: number;
  readonly byteSize: number;
  /** Sequence number of the last row, or 0 when the document is empty. */
  readonly lastSeq: number;
}

/** One stored row, for a node catching up on what other nodes committed. */
export interface StoredRow {
  readonly seq: number;
  readonly update: Uint8Array;
}

export interface AppendBatch {
  readonly doc: string;
  readonly updates: readonly Uint8Array[];
}

export interface DocumentStore {
  load(doc: string): Promise<StoredDocument>;
  /** The rows after `afterSeq`, in order (a compacted snapshot counts as the row at its seq). */
  loadSince(doc: string, afterSeq: number): Promise<readonly StoredRow[]>;
  /** Appends every batch in one commit (group commit across rooms). Returns each doc's new lastSeq. */
  append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>>;
  /**
   * Atomically replaces rows with seq <= uptoSeq by one snapshot row. Rows appended after
   * uptoSeq are kept. A crash at any point leaves either the old rows or the new snapshot.
   */
  compact(doc: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Removes every row of the document. */
  delete(doc: string): Promise<void>;
  /** Names of stored documents starting with prefix (for account export/deletion). */
  list(prefix: string): Promise<readonly string[]>;
  /** Commits a write that stores nothing, and rejects when the store cannot commit (readiness).
   *  Optional: a store without it is judged by its appends alone. */
  probeCommit?(): Promise<void>;
  close(): Promise<void>;
}
