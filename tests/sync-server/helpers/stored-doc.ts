// A document as a store holds it, rebuilt the way a room loads it, for tests that check what is
// stored rather than what a relay says (PostgreSQL here: SQLite files are read by frames.ts).
import * as Y from 'yjs';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';

export async function loadStoredDoc(store: DocumentStore, doc: string): Promise<Y.Doc> {
  const ydoc = new Y.Doc();
  for (const update of (await store.load(doc)).updates) Y.applyUpdate(ydoc, update);
  return ydoc;
}

/** The text `name` of `doc` in the PostgreSQL database at `url`. */
export async function storedText(url: string, doc: string, name = 't'): Promise<string> {
  const store = await PostgresDocumentStore.open(url, 1);
  try {
    const ydoc = await loadStoredDoc(store, doc);
    const text = ydoc.getText(name).toString();
    ydoc.destroy();
    return text;
  } finally {
    await store.close();
  }
}
