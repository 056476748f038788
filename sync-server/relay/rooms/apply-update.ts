// Applies one client update to a room's document and says whether the document can still be
// trusted. Y.applyUpdate does not always throw on garbage: it may integrate part of an update and
// park the rest as "pending" (missing dependencies), which a relay must never store. So:
// 1. Y.decodeUpdate first: malformed bytes are refused before the document is touched.
// 2. An update whose dependencies the document lacks is not applied: it is 'waiting'.
// 3. Apply; a throw part-way leaves the document tainted.
// 4. New pending structs or deletes afterwards (forged dependencies) also taint it.
// A tainted document is rebuilt from the store by the room; the update is never stored.
import * as Y from 'yjs';
import { hasMissingDependencies } from './update-dependencies.ts';

export type ApplyOutcome = 'applied' | 'waiting' | 'refused' | 'tainted';

export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): ApplyOutcome {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'refused';
  }
  if (hasMissingDependencies(doc, decoded)) return 'waiting';
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
