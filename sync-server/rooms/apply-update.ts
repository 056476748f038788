// Applies one client update to a room's document and says whether the document can still be
// trusted. Y.applyUpdate does not always throw on garbage: it may integrate part of an update and
// park the rest as "pending" (missing dependencies), which a relay must never store. So:
// 1. Y.decodeUpdate first: malformed bytes are refused before the document is touched.
// 2. Apply; a throw part-way leaves the document tainted.
// 3. Pending structs or deletes afterwards (the room keeps none otherwise) also taint it.
// A tainted document is rebuilt from the store by the room; the update is never stored.
import * as Y from 'yjs';

export type ApplyOutcome = 'applied' | 'refused' | 'tainted';

export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): ApplyOutcome {
  try {
    Y.decodeUpdate(update);
  } catch {
    return 'refused';
  }
  try {
    Y.applyUpdate(doc, update, origin);
  } catch {
    return 'tainted';
  }
  return hasPending(doc) ? 'tainted' : 'applied';
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
