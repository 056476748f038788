// Hears that a Y.Doc changed without asking Yjs to encode the change. While any 'update' listener
// is registered, Yjs encodes every transaction into an update for it, the initial sync of a whole
// meeting included; 'afterTransaction' costs nothing. A transaction that changed no type and
// deleted nothing is not a change (the same rule by which Yjs emits no 'update').
import type * as Y from 'yjs';

export function onDocChange(doc: Y.Doc, cb: () => void): () => void {
  const listener = (transaction: Y.Transaction): void => {
    if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) cb();
  };
  doc.on('afterTransaction', listener);
  return () => doc.off('afterTransaction', listener);
}
