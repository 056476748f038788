// Loads a document's IndexedDB log so that one unreadable row cannot hide the rest. y-indexeddb
// applies the whole log in one go: a row it cannot decode (a write cut short, a disk fault, an
// update in a format this version does not know) throws, its load never finishes, and the
// meeting or library waits on "Loading…" forever with every other row unread. When that load
// fails, the rows are applied one by one instead; those that cannot be read are moved, bytes
// intact, to the database's side store (a later version may read them), so the next load is
// whole again. Every load reports how many rows are kept aside, so each view can say that part
// of the document could not be read, instead of showing less without a word.
import * as idb from 'lib0/indexeddb';
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

const UPDATES = 'updates' as const;
const SIDE = 'custom' as const;
const ASIDE_PREFIX = 'unreadable-row:' as const;
function stores(db: IDBDatabase, names: readonly string[], access: 'readonly' | 'readwrite' = 'readwrite'): IDBObjectStore[] {
  return idb.transact(db, [...names], access);
}
function store(db: IDBDatabase, name: string, access: 'readonly' | 'readwrite'): IDBObjectStore {
  return stores(db, [name], access)[0]!;
}
const asideRange = () => idb.createIDBKeyRangeBound(ASIDE_PREFIX, `${ASIDE_PREFIX}\uffff`, false, false);

/** Applies every readable row; moves the rest aside. Resolves with how many were moved. */
async function loadRowByRow(persistence: IndexeddbPersistence): Promise<number> {
  const db = persistence.db!;
  const rows = await idb.getAllKeysValues(store(db, UPDATES, 'readonly'));
  const unreadable: { k: IDBValidKey; v: Uint8Array }[] = [];
  Y.transact(
    persistence.doc,
    () => {
      for (const row of rows) {
        try {
          Y.applyUpdate(persistence.doc, row.v as Uint8Array);
        } catch {
          unreadable.push(row as { k: IDBValidKey; v: Uint8Array });
        }
      }
    },
    persistence,
    false,
  );
  const [updates, side] = stores(db, [UPDATES, SIDE]) as [IDBObjectStore, IDBObjectStore];
  await Promise.all(unreadable.flatMap((row) => [idb.put(side, row.v as unknown as ArrayBuffer, `${ASIDE_PREFIX}${String(row.k)}`), idb.del(updates, row.k as number)]));
  // Where y-indexeddb's own load would have left its bookkeeping, so its later merges read on.
  persistence._dbref = ((await idb.getLastKey(updates)) as number | undefined ?? -1) + 1;
  persistence._dbsize = await idb.count(updates);
  return unreadable.length;
}

export interface TolerantLoad {
  /** The stored log is in the document (whole, or row by row after a failed load). */
  readonly loaded: Promise<void>;
  /** How many of the document's stored rows are kept aside as unreadable. Counted after the
   *  load, so that opening a document waits for no extra IndexedDB transaction. */
  readonly unreadableRows: Promise<number>;
}

export function loadTolerantly(persistence: IndexeddbPersistence): TolerantLoad {
  const { doc } = persistence;
  let unreadRows = 0;
  // y-indexeddb applies its log in one transaction of this origin and marks itself synced right
  // after it, in the same turn; still unsynced a microtask later means the load threw. The row by
  // row load then marks it synced itself, so whenSynced covers both ways.
  const afterLoad = (transaction: Y.Transaction): void => {
    if (transaction.origin !== persistence) return;
    doc.off('afterTransaction', afterLoad);
    queueMicrotask(() => {
      if (persistence.synced || persistence._destroyed) return;
      void loadRowByRow(persistence)
        .then(
          (moved) => console.warn(`${persistence.name}: ${moved} unreadable stored row(s) set aside`),
          (error: unknown) => {
            unreadRows = 1;
            console.warn(`${persistence.name}: the stored log could not be read row by row`, error);
          },
        )
        .finally(() => {
          persistence.synced = true;
          persistence.emit('synced', [persistence]);
        });
    });
  };
  doc.on('afterTransaction', afterLoad);
  const loaded = persistence.whenSynced.then(() => undefined);
  const unreadableRows = loaded.then(async () => {
    if (persistence._destroyed || persistence.db === null) return unreadRows;
    const aside = await idb.count(store(persistence.db, SIDE, 'readonly'), asideRange()).catch(() => 0);
    return Math.max(aside, unreadRows);
  });
  return { loaded, unreadableRows };
}
