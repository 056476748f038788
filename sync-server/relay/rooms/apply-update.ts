// Applies one client update to a room's document and says whether the document can still be
// trusted. Y.applyUpdate does not always throw on garbage: it may integrate part of an update and
// park the rest as "pending" (missing dependencies), which a relay must never store. So:
// 1. Y.decodeUpdate first: malformed bytes are refused before the document is touched.
// 2. An update whose dependencies the document lacks is not applied: it is 'waiting'.
// 3. Apply; a throw part-way leaves the document tainted.
// 4. New pending structs or deletes afterwards (forged dependencies) also taint it.
// A tainted document is rebuilt from the store by the room; the update is never stored.
import * as Y from 'yjs';
import type { Growth } from './stored-log.ts';
import { hasMissingDependencies } from './update-dependencies.ts';

export type ApplyOutcome = 'applied' | 'waiting' | 'refused' | 'tainted' | 'full';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

export interface ClientWrite {
  readonly update: Uint8Array;
  /** A sync update (a client's own update event), not a sync step 2. */
  readonly incremental: boolean;
}

export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): ApplyOutcome {
  const decoded = decode(update);
  return decoded ? applyDecoded(doc, update, decoded, origin) : 'refused';
}

/**
 * Applies a write and adds what to commit for it to `collected`. An incremental update whose
 * every struct is new to the doc goes as sent: the doc integrates exactly that, so re-encoding it
 * (Yjs does so for every transaction while the doc has an 'update' listener) would only cost.
 * Anything else goes as the doc's update event re-encodes it: a sync step 2 carries the sender's
 * whole delete set, and an update that overlaps the doc (an echo, or forged bytes under ids the
 * doc holds, which Yjs skips) must not be stored as sent.
 * At the document's size cap (`growth`, stored-log.ts) a write that does more than allowed is
 * 'full' and left unapplied.
 */
export function applyAndCollect(doc: Y.Doc, write: ClientWrite, origin: unknown, collected: Uint8Array[], growth: Growth = 'any'): ApplyOutcome {
  const decoded = decode(write.update);
  if (!decoded) return 'refused';
  if (growth !== 'any' && exceeds(doc, decoded, growth)) return 'full';
  if (write.incremental && allNew(doc, decoded)) {
    const outcome = applyDecoded(doc, write.update, decoded, origin);
    if (outcome === 'applied') collected.push(write.update);
    return outcome;
  }
  const listener = (update: Uint8Array) => void collected.push(update);
  doc.on('update', listener);
  try {
    return applyDecoded(doc, write.update, decoded, origin);
  } finally {
    doc.off('update', listener);
  }
}

function decode(update: Uint8Array): Decoded | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

/** Structs, none under an id the doc already holds (Yjs would skip it, whatever its bytes say).
 *  A delete-only update may delete nothing new, so it is always re-encoded. */
function allNew(doc: Y.Doc, decoded: Decoded): boolean {
  return decoded.structs.length > 0 && decoded.structs.every((struct) => struct instanceof Y.Skip || struct.id.clock >= Y.getState(doc.store, struct.id.client));
}

/** 'deletions': a struct the doc lacks carries content (one whose content was deleted before it
 *  got here is a few bytes, so a refused client's deleted edits may still sync). 'none': the write
 *  has any struct the doc lacks; deletions still pass. */
function exceeds(doc: Y.Doc, decoded: Decoded, growth: Exclude<Growth, 'any'>): boolean {
  const fresh = decoded.structs.filter((struct) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client));
  if (growth === 'none') return fresh.length > 0;
  return fresh.some((struct) => struct instanceof Y.Item && !(struct.content instanceof Y.ContentDeleted));
}

function applyDecoded(doc: Y.Doc, update: Uint8Array, decoded: Decoded, origin: unknown): ApplyOutcome {
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
