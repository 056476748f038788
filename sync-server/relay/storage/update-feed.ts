// How a relay hears that another node committed to a document it serves. A store shared by
// several nodes comes with a feed; the single-node SQLite default has none. The feed reports a
// commit only after it is durable (write-through across nodes), and reports a resync after any
// stretch in which it may have missed commits (a dropped connection), so that every room catches
// up by sequence number and nothing is lost to a missed notification. A feed may also check the
// loaded documents' last sequence numbers now and then, for a commit whose notice never came.
export interface UpdateFeedListener {
  /** A commit of `doc` reached `seq` (this node's own commits included); `update` is that row
   *  when the feed carries it, which spares a read unless rows before it are missing. */
  committed(doc: string, seq: number, update?: Uint8Array): void;
  /** Commits may have been missed: every loaded room should catch up from the store. */
  resync(): void;
  /** The documents this node has loaded, for a feed that checks them for missed commits. */
  loaded(): string[];
}

export interface UpdateFeed {
  start(listener: UpdateFeedListener): Promise<void>;
  close(): Promise<void>;
}
