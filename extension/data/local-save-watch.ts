// Notices when this browser refuses to store a document's changes, and stores them once it can.
// y-indexeddb writes each update in a transaction of its own and never hears how it ended, so
// when the origin's quota or the disk is full the change lives only in memory (and on the relay,
// if synced), with nothing said. A refused write aborts its transaction, and the abort bubbles
// to the database connection, where this hears it. The page then says so, and until a write
// succeeds again this tries every few seconds to store the document's whole state as one row,
// which holds every change the refused writes carried: nothing typed meanwhile is lost while the
// document stays open. Only storage errors count: an abort without an error (a deliberate one)
// or with AbortError (a connection closing under an erase) is not a full disk.
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

/** What Chromium reports when the quota is used up, or when the disk itself refuses a write. */
const STORAGE_ERRORS = new Set(['QuotaExceededError', 'UnknownError']);
const RETRY_MS = 5_000;

export interface LocalSaveWatch {
  /** True from a refused write of this document until its whole state is stored again. */
  failing(): boolean;
  onChange(cb: (failing: boolean) => void): () => void;
  destroy(): void;
}

export function watchLocalSaves(persistence: IndexeddbPersistence): LocalSaveWatch {
  const listeners = new Set<(failing: boolean) => void>();
  let failing = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let db: IDBDatabase | null = null;
  let destroyed = false;

  const set = (value: boolean): void => {
    if (failing === value) return;
    failing = value;
    for (const cb of listeners) cb(value);
  };

  const storeWholeState = (): void => {
    retry = null;
    if (destroyed || db === null || persistence._destroyed) return;
    try {
      const transaction = db.transaction(['updates'], 'readwrite');
      transaction.objectStore('updates').add(Y.encodeStateAsUpdate(persistence.doc));
      transaction.addEventListener('complete', () => set(false));
    } catch (error) {
      // The connection closed (the document was released or is being erased): nowhere to store.
      console.warn(`${persistence.name}: the document's state could not be stored again`, error);
    }
  };

  const onAbort = (event: Event): void => {
    const error = (event.target as IDBTransaction | null)?.error;
    if (!error || !STORAGE_ERRORS.has(error.name)) return;
    if (!failing) console.warn(`${persistence.name}: this browser refused to store a change (${error.name}); retrying`);
    set(true);
    retry ??= setTimeout(storeWholeState, RETRY_MS);
  };

  // The connection opens before the stored log is read, and the load's own write can be refused.
  void persistence._db.then((opened) => {
    if (destroyed) return;
    db = opened;
    db.addEventListener('abort', onAbort);
  });

  return {
    failing: () => failing,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    destroy() {
      destroyed = true;
      if (retry !== null) clearTimeout(retry);
      db?.removeEventListener('abort', onAbort);
      listeners.clear();
    },
  };
}
