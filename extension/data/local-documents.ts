// The documents this browser profile holds, each an IndexedDB database named for its document
// (y-indexeddb), their deletion, and the rewriting of one's log. A database still open in some
// context is deleted once that context lets go of it (IndexedDB queues the deletion), so callers
// need not wait for it.
import * as idb from 'lib0/indexeddb';
import * as Y from 'yjs';
import { clearDocument, fetchUpdates, type IndexeddbPersistence } from 'y-indexeddb';

export async function localDocumentNames(): Promise<Set<string>> {
  const databases = (await globalThis.indexedDB?.databases?.()) ?? [];
  return new Set(databases.flatMap((db) => (db.name === undefined ? [] : [db.name])));
}

export function deleteLocalDocument(name: string): Promise<void> {
  return clearDocument(name);
}

/** Rewrites an open document's log as one update of its current state, as y-indexeddb's own trim
 *  does every 500 rows, but awaited to the end, so the caller knows it is done or hears why not.
 *  Content Yjs dropped from the document (deleted for good) leaves the rows with it. Rows other
 *  contexts append meanwhile carry higher keys and are kept. */
export async function compactLocalDocument(persistence: IndexeddbPersistence): Promise<void> {
  // Applies what other contexts stored first, and sets _dbref past the last row it read.
  const updates = await fetchUpdates(persistence);
  // A Uint8Array row, as y-indexeddb stores them; lib0's type names fewer kinds than IndexedDB takes.
  const state = Y.encodeStateAsUpdate(persistence.doc) as unknown as ArrayBuffer;
  await idb.addAutoKey(updates, state);
  await idb.del(updates, idb.createIDBKeyRangeUpperBound(persistence._dbref, true));
}
