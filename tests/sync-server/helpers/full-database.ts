// A full disk, on a real SQLite file: the database may grow no further (PRAGMA max_page_count at
// its current size) and `fill` writes until SQLite refuses with SQLITE_FULL, so no free page is
// left and the next write that needs a page fails as it would on a full disk. makeRoom() lifts
// the limit, as when space comes back.
import type { SqliteDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';

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
