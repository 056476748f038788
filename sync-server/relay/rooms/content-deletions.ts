// Whether a batch deleted content the room's document held before it: what makes a document at
// its size cap worth compacting again (stored-log.ts). A refused client's deleted edits arrive
// deleted, and a delete of something already deleted changes nothing, so neither counts.
import type * as Y from 'yjs';

export interface ContentDeletions {
  /** Stops watching; true when some transaction meanwhile deleted content the doc held. */
  stop(): boolean;
}

export function watchContentDeletions(doc: Y.Doc): ContentDeletions {
  let deleted = false;
  const listener = (transaction: Y.Transaction): void => {
    if (deleted) return;
    for (const [client, ranges] of transaction.deleteSet.clients) {
      const before = transaction.beforeState.get(client) ?? 0;
      if (ranges.some((range) => range.clock < before)) deleted = true;
    }
  };
  doc.on('afterTransaction', listener);
  return {
    stop() {
      doc.off('afterTransaction', listener);
      return deleted;
    },
  };
}
