// Keeps what leaves the library for good out of this browser's storage. y-indexeddb appends every
// update and merges its log only every 500 rows, so a meeting or template deleted for good (its
// title, its agenda) stayed readable in the library's IndexedDB rows long after it had left the
// document. Whenever an entry leaves the library (Delete forever, the trash purge, or another
// device doing either while this library is open), the log is rewritten as one update of the
// current state, from which Yjs has already dropped the deleted content. Several removals in a
// row (a purge) give one rewrite.
import type * as Y from 'yjs';
import { onEntriesRemoved } from '../../../crdt/index.ts';

const SETTLE_MS = 300;

export function compactOnRemoval(lib: Y.Doc, compact: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = onEntriesRemoved(lib, () => {
    timer ??= setTimeout(() => {
      timer = null;
      compact();
    }, SETTLE_MS);
  });
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
