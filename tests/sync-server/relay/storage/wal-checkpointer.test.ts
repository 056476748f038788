// The relay's connection never checkpoints by itself; a worker thread with its own connection
// copies the WAL into the database file. Under a write load the WAL restarts (its header's salt
// changes) although the relay's connection has wal_autocheckpoint=0; a thread that cannot open
// the file hands checkpoints back to the relay's connection; a reader that pins the WAL is logged
// and the relay's connection checkpoints past the hard limit; a WAL that grew while pinned shrinks
// back to the size limit once it restarts; close ends the thread.
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../../../sync-server/logger.ts';
import { FailureLog } from '../../../../sync-server/relay/failure-log.ts';
import { databasePath, openDatabase, openExistingDatabase, WAL_AUTOCHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES, type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import { WalCheckpointer, type WalCheckpointConfig } from '../../../../sync-server/relay/storage/wal-checkpointer.ts';
import { makeTempDir, waitFor } from '../../helpers/relay-harness.ts';

interface Ctx {
  dir: string;
  file: string;
  db: SqliteDatabase;
  store: SqliteDocumentStore;
  logs: string[];
  checkpoints: WalCheckpointer | null;
}
const test = suite<Ctx>('WAL checkpoints off the event loop');

test.before.each((ctx) => {
  ctx.dir = makeTempDir();
  ctx.file = databasePath(ctx.dir);
  ctx.db = openDatabase(ctx.file);
  ctx.store = new SqliteDocumentStore(ctx.db);
  ctx.logs = [];
  ctx.checkpoints = null;
});
test.after.each(async (ctx) => {
  await ctx.checkpoints?.close();
  if (ctx.db.open) ctx.db.close();
  fs.rmSync(ctx.dir, { recursive: true, force: true });
});

function start(ctx: Ctx, config: Partial<WalCheckpointConfig>): WalCheckpointer {
  const logger = createLogger('debug', { write: (line: string) => void ctx.logs.push(line) });
  ctx.checkpoints = new WalCheckpointer({ db: ctx.db, logger, failures: new FailureLog(logger, 60_000), config: { backstopMs: 600_000, ...config } });
  return ctx.checkpoints;
}

/** Salt-1 of the WAL header: SQLite changes it each time the WAL restarts from its first frame. */
function walSalt(file: string): number {
  const header = Buffer.alloc(32);
  const fd = fs.openSync(`${file}-wal`, 'r');
  fs.readSync(fd, header, 0, 32, 0);
  fs.closeSync(fd);
  return header.readUInt32BE(16);
}

const update = new Uint8Array(64).fill(7);

async function commit(ctx: Ctx, round: number, data = update): Promise<void> {
  await ctx.store.append([{ doc: `meeting/${round % 50}`, updates: [data, data] }]);
  ctx.checkpoints?.noteCommit();
}

const autocheckpoint = (db: SqliteDatabase) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

test('the thread checkpoints the WAL under a write load; the relay connection does not', async (ctx) => {
  const checkpoints = start(ctx, { checkEveryCommits: 20 });
  assert.is(autocheckpoint(ctx.db), 0);
  for (let round = 0; round < 100; round++) await commit(ctx, round);
  const before = walSalt(ctx.file);
  await waitFor(() => (checkpoints.lastReport?.checkpointed ?? 0) > 0, 'a checkpoint by the thread');
  for (let round = 0; round < 200; round++) await commit(ctx, round);
  await waitFor(() => {
    const report = checkpoints.lastReport!;
    return !report.busy && report.checkpointed === report.log && walSalt(ctx.file) !== before;
  }, 'the WAL restarted after a complete checkpoint');
  assert.ok(checkpoints.running);
  assert.is(autocheckpoint(ctx.db), 0);
});

test('a thread that cannot open the file hands checkpoints back to the relay connection', async (ctx) => {
  // The thread opens the file by name after it starts; the relay's connection keeps its handle.
  const checkpoints = start(ctx, { checkEveryCommits: 20 });
  fs.renameSync(ctx.file, `${ctx.file}.moved`);
  await waitFor(() => !checkpoints.running, 'the thread failed');
  const failures = ctx.logs.filter((line) => line.includes('WalCheckpointWorkerError'));
  assert.is(failures.length, 1, ctx.logs.join('\n'));
  assert.is(autocheckpoint(ctx.db), WAL_AUTOCHECKPOINT_PAGES);
  const before = walSalt(ctx.file);
  // Two 8 KiB rows are at least six pages, so 2,000 commits pass SQLite's mark.
  const large = new Uint8Array(8192).fill(3);
  for (let round = 0; round < 2_000; round++) await commit(ctx, round, large);
  // SQLite's own checkpoint ran inside a commit and the WAL restarted.
  assert.is.not(walSalt(ctx.file), before);
  assert.equal(await ctx.store.loadSince('meeting/0', 78), [{ seq: 79, update: large }, { seq: 80, update: large }]);
});

test('a reader that pins the WAL is logged once and the relay connection checkpoints past the hard limit', async (ctx) => {
  const checkpoints = start(ctx, { checkEveryCommits: 10, hardLimitCommits: 50, stuckAfterMs: 0 });
  await commit(ctx, 0);
  const reader = openExistingDatabase(ctx.file, { readonly: true });
  try {
    // An open read transaction keeps every frame after its snapshot from being checkpointed.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM updates').get();
    for (let round = 1; round <= 60; round++) await commit(ctx, round);
    await waitFor(() => ctx.logs.some((line) => line.includes('WAL checkpoint cannot finish')), 'the stuck checkpoint logged');
    assert.ok(ctx.logs.some((line) => line.includes('WAL checkpointed on the relay connection')), ctx.logs.join('\n'));
    for (let round = 61; round <= 200; round++) await commit(ctx, round);
    // Rate limited: one line per kind however often it recurs.
    assert.is(ctx.logs.filter((line) => line.includes('WAL checkpoint cannot finish')).length, 1);
    assert.is(ctx.logs.filter((line) => line.includes('WAL checkpointed on the relay connection')).length, 1);
  } finally {
    reader.exec('COMMIT');
    reader.close();
  }
  assert.ok(checkpoints.running);
});

test('a WAL that grew while a reader pinned it shrinks to the size limit once it restarts', async (ctx) => {
  assert.is(ctx.db.pragma('journal_size_limit', { simple: true }), WAL_SIZE_LIMIT_BYTES, 'a relay database has the limit');
  ctx.db.close();
  ctx.db = openDatabase(ctx.file, 'NORMAL', 256 * 1024);
  ctx.store = new SqliteDocumentStore(ctx.db);
  const checkpoints = start(ctx, { checkEveryCommits: 10, hardLimitCommits: 100_000, stuckAfterMs: 60_000 });
  const walSize = () => fs.statSync(`${ctx.file}-wal`).size;
  const large = new Uint8Array(8192).fill(5);
  await commit(ctx, 0);
  const reader = openExistingDatabase(ctx.file, { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM updates').get();
  for (let round = 1; round <= 150; round++) await commit(ctx, round, large);
  reader.exec('COMMIT');
  reader.close();
  const grown = walSize();
  assert.ok(grown > 1024 * 1024, `the pinned WAL grew past 1 MiB (${grown} bytes)`);
  let round = 151;
  await waitFor(async () => {
    await commit(ctx, round++);
    return walSize() <= 256 * 1024;
  }, 'the WAL file shrank to the limit');
  assert.ok(checkpoints.running);
  const rows = (await ctx.store.loadSince('meeting/1', 0)).slice(0, 6);
  assert.equal(rows, [1, 2, 3, 4, 5, 6].map((seq) => ({ seq, update: large })), 'the rows written while pinned are intact');
});

test('close ends the thread after the last commit; nothing committed is lost', async (ctx) => {
  const checkpoints = start(ctx, { checkEveryCommits: 5 });
  for (let round = 0; round < 100; round++) await commit(ctx, round);
  await checkpoints.close();
  assert.not.ok(checkpoints.running);
  ctx.db.close();
  const reopened = openDatabase(ctx.file);
  try {
    assert.is((reopened.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n, 200);
  } finally {
    reopened.close();
  }
});

test.run();
