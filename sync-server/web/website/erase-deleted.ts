// After deleting an address: the database runs with secure_delete (deleted rows are zeroed in
// their pages), but older versions of those pages stay in the write-ahead log until it is
// rewritten. Checkpointing with TRUNCATE copies the current pages into the database file and
// empties the log, so the address is gone from the files' bytes, not only from the tables.
// The checkpoint must not wait for another connection's readers (a backup in progress): that
// would stall the event loop for the busy timeout. When it cannot finish at once, the log is
// emptied by the next erase or SQLite's own checkpoints.
import type { SqlDatabase } from '../sql-database.ts';

export function eraseDeleted(db: SqlDatabase): void {
  const { timeout } = db.prepare<[], { timeout: number }>('PRAGMA busy_timeout').get() ?? { timeout: 0 };
  db.exec('PRAGMA busy_timeout = 0');
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.exec(`PRAGMA busy_timeout = ${Number(timeout)}`);
  }
}
