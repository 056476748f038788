// A real SQLite document store that can be made "full": SQLite's max_page_count caps the file at
// its current size, so every commit that needs a new page fails with SQLITE_FULL, exactly as on a
// full disk. Raising the cap again is the disk getting space back.
import { databasePath, openDatabase, type SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../sync-server/relay/storage/sqlite-document-store.ts';

export interface FullableStore {
  readonly store: SqliteDocumentStore;
  readonly db: SqliteDatabase;
  fill(): void;
  free(): void;
}

const PLENTY_OF_PAGES = 1 << 30;

/** From now on, a commit that needs a new page fails with SQLITE_FULL. */
export function fillDatabase(db: SqliteDatabase): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}

export function freeDatabase(db: SqliteDatabase): void {
  db.pragma(`max_page_count = ${PLENTY_OF_PAGES}`);
}

export function fullableStore(dataDir: string): FullableStore {
  const db = openDatabase(databasePath(dataDir));
  return { store: new SqliteDocumentStore(db), db, fill: () => fillDatabase(db), free: () => freeDatabase(db) };
}

/** Text big enough that storing it always needs new pages. */
export const PAGE_FILLER = 'x'.repeat(16 * 1024);
