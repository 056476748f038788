// The documents this browser profile holds, each an IndexedDB database named for its document
// (y-indexeddb), and their deletion. A database still open in some context is deleted once that
// context lets go of it (IndexedDB queues the deletion), so callers need not wait for it.
import { clearDocument } from 'y-indexeddb';

export async function localDocumentNames(): Promise<Set<string>> {
  const databases = (await globalThis.indexedDB?.databases?.()) ?? [];
  return new Set(databases.flatMap((db) => (db.name === undefined ? [] : [db.name])));
}

export function deleteLocalDocument(name: string): Promise<void> {
  return clearDocument(name);
}
