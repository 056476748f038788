// Applies one client update to a room's document and says whether the document can still be
// trusted. Y.applyUpdate does not always throw on garbage: it may integrate part of an update and
// park the rest as "pending" (missing dependencies), which a relay must never store. So:
// 1. Y.decodeUpdate first: malformed bytes are refused before the document is touched.
// 2. Apply; a throw part-way leaves the document tainted.
// 3. New pending structs or deletes afterwards also taint it.
// A tainted document is rebuilt from the store by the room; the update is never stored.
import * as Y from 'yjs';

export type ApplyOutcome = 'applied' | 'refused' | 'tainted';

export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): ApplyOutcome {
  try {
    Y.decodeUpdate(update);
  } catch {
    return 'refused';
  }
  const structsBefore = doc.store.pendingStructs?.update ?? null;
  const deletesBefore = doc.store.pendingDs;
  try {
    Y.applyUpdate(doc, update, origin);
  } catch {
    return 'tainted';
  }
  // Pending state the update added taints; pending state it resolved does not. Yjs swaps in a new
  // merged `update` when pending structs grow, and re-encodes pending deletes on every apply.
  const structsAfter = doc.store.pendingStructs?.update ?? null;
  const deletesAfter = doc.store.pendingDs;
  const newStructs = structsAfter !== null && structsAfter !== structsBefore;
  const newDeletes = deletesAfter !== null && (deletesBefore === null || !sameBytes(deletesAfter, deletesBefore));
  return newStructs || newDeletes ? 'tainted' : 'applied';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

/** True when the doc holds structs or deletes waiting for updates it has not seen. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
