// The only module that imports better-sqlite3. Opens the relay's SQLite file in WAL mode; the
// document store and the access tables share this one Database.
//
// Durability choice: WAL with synchronous=FULL by default. In WAL mode a commit is a write to the
// -wal file; with FULL that write is fsync'd before the commit returns, so an acknowledged update
// survives both a process kill and a power loss. NORMAL only fsyncs at checkpoints: it still
// survives kill -9 (the bytes are in the OS page cache once write() returns) but may lose the last
// transactions on power loss. Group commit makes FULL cheap: one fsync per event-loop turn, not
// per update. NORMAL stays available through config for hosts that trust their power.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { SqliteSynchronous } from '../config.ts';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'relay.sqlite' as const;

export function openDatabase(file: string, synchronous: SqliteSynchronous = 'FULL'): SqliteDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}
