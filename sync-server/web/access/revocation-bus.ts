// How a revocation made on one relay node reaches the sockets held by the others. A notice names
// revocation keys (`share:`, `session:`, `account:`, `meeting:`) and the documents of a deleted
// account or meeting; it
// is published only after the revoking transaction committed, and every other node hands it to
// its own listeners (closing sockets with 4401, retiring rooms). A single SQLite relay has no
// other nodes, so its bus is LOCAL_ONLY.
export interface RevocationNotice {
  readonly keys: readonly string[];
  /** Documents of a deleted account or meeting: every node retires their rooms, then deletes their rows. */
  readonly deletingDocs: readonly string[];
}

export interface RevocationBus {
  /** Tells the other nodes; rejects when the notice could not be sent. */
  publish(notice: RevocationNotice): Promise<void>;
  /** Notices published by other nodes, never this node's own. */
  onNotice(handler: (notice: RevocationNotice) => void): () => void;
  /** After a stretch in which notices may have been lost. */
  onMissed(handler: () => void): () => void;
}

export const LOCAL_ONLY: RevocationBus = {
  publish: async () => {},
  onNotice: () => () => {},
  onMissed: () => () => {},
};
