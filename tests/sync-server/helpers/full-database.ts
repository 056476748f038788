// A full disk, on a real SQLite file: the database may grow no further (PRAGMA max_page_count at
// its current size) and `fill` writes until SQLite refuses with SQLITE_FULL, so no free page is
// left and the next write that needs a page fails as it would on a full disk. makeRoom() lifts
// the limit, as when space comes back. fullableStore is a relay's document store on its own
// connection to such a file, to be filled while the relay runs.
import { databasePath, openDatabase, type SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../sync-server/relay/storage/sqlite-document-store.ts';

export interface FullDatabase {
  /** Rows written before SQLite refused. */
  readonly filled: number;
  makeRoom(): void;
}

const MAX_FILL = 100_000;

export function fillDatabase(db: SqliteDatabase, write: (n: number) => void): FullDatabase {
  const unlimited = db.pragma('max_page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  let filled = 0;
  for (; filled < MAX_FILL; filled++) {
    try {
      write(filled);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_FULL') break;
      throw error;
    }
  }
  if (filled === MAX_FILL) throw new Error('the database never filled up');
  return {
    filled,
    makeRoom: () => void db.pragma(`max_page_count = ${unlimited}`),
  };
}

/** Fills the database with rows of a table of its own; the documents are untouched. */
export function fillWithBallast(db: SqliteDatabase): FullDatabase {
  db.exec('CREATE TABLE IF NOT EXISTS ballast (data BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO ballast (data) VALUES (randomblob(1000))');
  return fillDatabase(db, () => insert.run());
}

export interface FullableStore {
  readonly store: SqliteDocumentStore;
  readonly db: SqliteDatabase;
  /** Fills the disk until makeRoom() on the result. */
  fill(): FullDatabase;
}

export function fullableStore(dataDir: string): FullableStore {
  const db = openDatabase(databasePath(dataDir));
  return { store: new SqliteDocumentStore(db), db, fill: () => fillWithBallast(db) };
}

/** Text big enough that storing it always needs new pages. */
export const PAGE_FILLER = 'x'.repeat(16 * 1024);
