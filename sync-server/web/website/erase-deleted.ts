// After deleting an address: the database runs with secure_delete (deleted rows are zeroed in
// their pages), but older versions of those pages stay in the write-ahead log until it is
// rewritten. Checkpointing with TRUNCATE copies the current pages into the database file and
// empties the log, so the address is gone from the files' bytes, not only from the tables.
import type { SqlDatabase } from '../sql-database.ts';

export function eraseDeleted(db: SqlDatabase): void {
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}
