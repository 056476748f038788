// The SQLite store remembers each document's last seq between group commits. What it remembers
// must never run ahead of or behind what is committed: not after a rolled-back append, not after
// a delete, not when the memory bound forgets everything at once, not across a reopen.
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { databasePath, openDatabase, type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';

const test = suite<{ dir: string; db: SqliteDatabase; store: SqliteDocumentStore }>('SqliteDocumentStore: remembered last seq');

test.before.each((ctx) => {
  ctx.dir = makeTempDir();
  ctx.db = openDatabase(databasePath(ctx.dir));
  ctx.store = new SqliteDocumentStore(ctx.db);
});
test.after.each((ctx) => {
  if (ctx.db.open) ctx.db.close();
  fs.rmSync(ctx.dir, { recursive: true, force: true });
});

const one = (n: number) => new Uint8Array([n]);

test('a rolled-back append leaves the next seq where the last commit left it', async ({ store }) => {
  await store.append([{ doc: 'meeting/a', updates: [one(1), one(2)] }]);
  // A NULL row fails the NOT NULL constraint after other rows of the same transaction went in.
  const bad = [{ doc: 'meeting/a', updates: [one(3)] }, { doc: 'meeting/b', updates: [one(1), null as unknown as Uint8Array] }];
  await store.append(bad).then(
    () => assert.unreachable('a NULL update was stored'),
    (error: unknown) => assert.instance(error, Error),
  );
  const seqs = await store.append([{ doc: 'meeting/a', updates: [one(4)] }, { doc: 'meeting/b', updates: [one(5)] }]);
  assert.is(seqs.get('meeting/a'), 3);
  assert.is(seqs.get('meeting/b'), 1);
  assert.equal((await store.load('meeting/a')).updates.map((u) => u[0]), [1, 2, 4]);
});

test('after a delete a document starts again at seq 1', async ({ store }) => {
  await store.append([{ doc: 'meeting/d', updates: [one(1), one(2)] }]);
  await store.delete('meeting/d');
  assert.is((await store.append([{ doc: 'meeting/d', updates: [one(3)] }])).get('meeting/d'), 1);
});

test('past the memory bound every document still continues its own sequence', async ({ store }) => {
  const docs = Array.from({ length: 10_050 }, (_, i) => `meeting/${String(i).padStart(8, '0')}`);
  await store.append(docs.map((doc) => ({ doc, updates: [one(1)] })));
  await store.append([{ doc: docs[0]!, updates: [one(2)] }]);
  const seqs = await store.append([{ doc: docs[0]!, updates: [one(3)] }, { doc: docs.at(-1)!, updates: [one(2)] }]);
  assert.is(seqs.get(docs[0]!), 3);
  assert.is(seqs.get(docs.at(-1)!), 2);
});

test('a reopened store continues from the stored rows, compacted or not', async (ctx) => {
  await ctx.store.append([{ doc: 'meeting/r', updates: [one(1), one(2), one(3)] }]);
  await ctx.store.compact('meeting/r', one(9), 2);
  ctx.db.close();
  ctx.db = openDatabase(databasePath(ctx.dir));
  ctx.store = new SqliteDocumentStore(ctx.db);
  assert.is((await ctx.store.append([{ doc: 'meeting/r', updates: [one(4)] }])).get('meeting/r'), 4);
});

test.run();
