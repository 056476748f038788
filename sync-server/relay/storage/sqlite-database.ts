// The only module that imports better-sqlite3. Opens the relay's SQLite file in WAL mode; the
// document store and the access tables share this one Database.
//
// Durability choice: WAL with synchronous=NORMAL by default. In WAL mode a commit is an append to
// the -wal file. With NORMAL the commit returns once write() has handed the bytes to the OS; they
// are fsync'd at checkpoints. A killed process (kill -9, crash, OOM) loses nothing acknowledged:
// the OS page cache still holds and later writes those bytes. Only a power loss or kernel crash
// can drop the last transactions. FULL also fsyncs every commit and so survives power loss, but
// better-sqlite3 fsyncs on the event loop, so every message waits behind it (bench/relay-load
// measures both modes side by side; figures in bench/RESULTS.md). The relay promises "survives
// kill -9", so NORMAL is the default and FULL is one config switch (LTM_SQLITE_SYNCHRONOUS=FULL)
// for hosts without reliable power.
//
// Checkpoints: by itself SQLite copies the WAL into the database (and fsyncs both) once the WAL
// holds WAL_AUTOCHECKPOINT_PAGES pages, inside the commit that passes the mark, on the event loop.
// The relay's appends re-dirty the same index leaves commit after commit (about 12 pages per group
// commit of 8 updates), so a checkpoint every 1,000 pages (SQLite's default) wrote the same hot
// pages over and over; every 10,000 pages (a WAL of about 40 MiB at 4 KiB pages) each hot page is
// copied once per checkpoint. A serving relay goes further: its connection never checkpoints and a
// worker thread does (wal-checkpointer.ts); this mark is what the connection falls back to if that
// thread fails, and what the data tools' connections keep. bench/RESULTS.md has the figures.
// A WAL file keeps the size it once reached (a burst, or a backup that pinned it for a while)
// unless told otherwise: journal_size_limit truncates it when it restarts after a complete
// checkpoint, to WAL_SIZE_LIMIT_BYTES, above the size a normal checkpoint interval fills.
//
// Privacy: the file is created 0600 before SQLite opens it, because SQLite gives its -wal and
// -shm files the database file's mode; an existing database, -wal or -shm open to others is
// refused (sync-server/private-files.ts).
//
// Deleted rows are overwritten with zeros (secure_delete), so what is deleted for privacy (an
// unsubscribed address, a deleted account's documents) does not linger in free space; the
// website also empties the WAL after such deletions (web/website/erase-deleted.ts).
import Database from 'better-sqlite3';
import path from 'node:path';
import type { SqliteSynchronous } from '../../config.ts';
import { ensurePrivateDirectory, ensurePrivateFile, refuseSharedFile } from '../../private-files.ts';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'relay.sqlite' as const;
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export function openDatabase(file: string, synchronous: SqliteSynchronous = 'NORMAL', walSizeLimitBytes = WAL_SIZE_LIMIT_BYTES): SqliteDatabase {
  if (file !== ':memory:') {
    ensurePrivateDirectory(path.dirname(file));
    for (const suffix of SIDE_FILES) refuseSharedFile(file + suffix);
    ensurePrivateFile(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  return db;
}

/** A database a relay made, for the data tools: never created here, and read-only for checks. */
export function openExistingDatabase(file: string, options: { readonly readonly?: boolean } = {}): SqliteDatabase {
  const db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}
