// The website's tables, created idempotently in the relay's SQLite database. Both hold the least
// that their purpose needs; the privacy page lists them column by column (a test keeps it so).
import type { SqlDatabase } from '../sql-database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS signups (
  email TEXT PRIMARY KEY,
  consented_at INTEGER NOT NULL,
  unsubscribe_hash BLOB NOT NULL UNIQUE
) STRICT;
CREATE TABLE IF NOT EXISTS usage_counts (
  day TEXT NOT NULL,
  event TEXT NOT NULL,
  version TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, event, version)
) STRICT;
`;

export function ensureWebsiteSchema(db: SqlDatabase): void {
  db.exec(SCHEMA);
}
