// The acceptance suite every DocumentStore implementation must pass (DESIGN.md convention 2).
// `open` gives a fresh store; `reopen`, when the engine is durable, closes it and opens the same
// data again, which is how durability across restarts is checked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import type { DocumentStore } from '../../../../sync-server/relay/storage/document-store.ts';

export interface StoreFixture {
  readonly store: DocumentStore;
  /** Closes and reopens the same data; absent for engines that keep nothing across a close. */
  readonly reopen?: () => Promise<DocumentStore>;
  readonly cleanup: () => Promise<void>;
}

function textUpdates(count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('t').insert(doc.getText('t').length, `${i},`);
  return { updates, text: doc.getText('t').toString() };
}

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

const bytes = (...values: number[]) => new Uint8Array(values);

export function documentStoreAcceptance(engine: string, open: () => Promise<StoreFixture>) {
  const test = suite<{ fx: StoreFixture; store: DocumentStore }>(`DocumentStore acceptance: ${engine}`);

  test.before.each(async (ctx) => {
    ctx.fx = await open();
    ctx.store = ctx.fx.store;
  });
  test.after.each(async (ctx) => {
    await ctx.fx.cleanup();
  });

  test('an unknown document loads empty', async ({ store }) => {
    const loaded = await store.load('meeting/nothing-here-000000');
    assert.equal(loaded, { updates: [], rowCount: 0, byteSize: 0, lastSeq: 0 });
  });

  test('append commits batches of several documents and returns each last seq', async ({ store }) => {
    const seqs = await store.append([
      { doc: 'meeting/a', updates: [bytes(1), bytes(2, 2)] },
      { doc: 'meeting/b', updates: [bytes(3)] },
    ]);
    assert.is(seqs.get('meeting/a'), 2);
    assert.is(seqs.get('meeting/b'), 1);
    const a = await store.load('meeting/a');
    assert.equal(a.updates.map((u) => [...u]), [[1], [2, 2]]);
    assert.is(a.rowCount, 2);
    assert.is(a.byteSize, 3);
    assert.is(a.lastSeq, 2);
    assert.is((await store.append([{ doc: 'meeting/a', updates: [bytes(4)] }])).get('meeting/a'), 3);
  });

  test('concurrent appends keep their call order', async ({ store }) => {
    const calls = Array.from({ length: 50 }, (_, i) => store.append([{ doc: 'meeting/c', updates: [bytes(i)] }]));
    const seqs = await Promise.all(calls);
    assert.equal(seqs.map((s) => s.get('meeting/c')), Array.from({ length: 50 }, (_, i) => i + 1));
    const loaded = await store.load('meeting/c');
    assert.equal(loaded.updates.map((u) => u[0]), Array.from({ length: 50 }, (_, i) => i));
  });

  test('concurrent appends of several rows over several documents each get their own last seqs', async ({ store }) => {
    const calls = Array.from({ length: 20 }, (_, i) =>
      store.append(i % 3 === 0 ? [{ doc: 'meeting/d', updates: [bytes(i), bytes(i)] }, { doc: 'meeting/e', updates: [bytes(i)] }] : [{ doc: 'meeting/d', updates: [bytes(i)] }]),
    );
    const seqs = await Promise.all(calls);
    let d = 0;
    let e = 0;
    const expected = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? [(d += 2), ++e] : [++d, undefined]));
    assert.equal(seqs.map((s) => [s.get('meeting/d'), s.get('meeting/e')]), expected);
    assert.is((await store.load('meeting/d')).lastSeq, d);
    assert.equal((await store.load('meeting/e')).updates.map((u) => u[0]), [0, 3, 6, 9, 12, 15, 18]);
  });

  test('stored data is a copy: later mutation of the caller buffer changes nothing', async ({ store }) => {
    const update = bytes(7, 7, 7);
    await store.append([{ doc: 'meeting/copy', updates: [update] }]);
    update.fill(0);
    assert.equal([...(await store.load('meeting/copy')).updates[0]!], [7, 7, 7]);
  });

  test('compaction replaces the prefix by one snapshot, keeps later rows, same document state', async ({ store }) => {
    const { updates, text } = textUpdates(30);
    await store.append([{ doc: 'meeting/k', updates: updates.slice(0, 20) }]);
    const before = await store.load('meeting/k');
    await store.append([{ doc: 'meeting/k', updates: updates.slice(20) }]);
    await store.compact('meeting/k', Y.mergeUpdates([...before.updates]), before.lastSeq);
    const after = await store.load('meeting/k');
    assert.is(after.rowCount, 11);
    assert.is(after.lastSeq, 30);
    assert.is(textOf(after.updates), text);
    assert.is((await store.append([{ doc: 'meeting/k', updates: [updates[0]!] }])).get('meeting/k'), 31);
  });

  test('loadSince gives the rows after a sequence number, a snapshot as the row at its seq', async ({ store }) => {
    await store.append([{ doc: 'meeting/s', updates: [bytes(1), bytes(2), bytes(3), bytes(4)] }]);
    assert.equal((await store.loadSince('meeting/s', 2)).map((row) => [row.seq, [...row.update]]), [[3, [3]], [4, [4]]]);
    assert.equal(await store.loadSince('meeting/s', 4), []);
    await store.compact('meeting/s', bytes(9), 3);
    assert.equal((await store.loadSince('meeting/s', 0)).map((row) => [row.seq, [...row.update]]), [[3, [9]], [4, [4]]]);
    assert.equal(await store.loadSince('meeting/none', 0), []);
  });

  test('compacting everything leaves exactly one row', async ({ store }) => {
    const { updates, text } = textUpdates(10);
    const seqs = await store.append([{ doc: 'meeting/one', updates }]);
    await store.compact('meeting/one', Y.mergeUpdates(updates), seqs.get('meeting/one')!);
    const after = await store.load('meeting/one');
    assert.is(after.rowCount, 1);
    assert.is(after.lastSeq, 10);
    assert.is(textOf(after.updates), text);
  });

  test('delete removes every row; list finds documents by prefix', async ({ store }) => {
    await store.append([
      { doc: 'meeting/m1', updates: [bytes(1)] },
      { doc: 'meeting/m2', updates: [bytes(1)] },
      { doc: 'library/l1', updates: [bytes(1)] },
    ]);
    assert.equal(await store.list('meeting/'), ['meeting/m1', 'meeting/m2']);
    assert.equal(await store.list('library/'), ['library/l1']);
    await store.delete('meeting/m1');
    assert.equal(await store.list('meeting/'), ['meeting/m2']);
    assert.is((await store.load('meeting/m1')).rowCount, 0);
    assert.is((await store.append([{ doc: 'meeting/m1', updates: [bytes(2)] }])).get('meeting/m1'), 1);
  });

  test('a closed store refuses work', async ({ store }) => {
    await store.close();
    try {
      await store.load('meeting/a');
      assert.unreachable('load after close');
    } catch (error) {
      assert.instance(error, Error);
      assert.is.not((error as Error).message, 'load after close');
    }
  });

  test('appended and compacted data survive a reopen (durable engines)', async ({ fx }) => {
    if (!fx.reopen) return;
    const { updates, text } = textUpdates(12);
    const seqs = await fx.store.append([{ doc: 'meeting/d', updates }]);
    await fx.store.compact('meeting/d', Y.mergeUpdates(updates.slice(0, 6)), 6);
    assert.is(seqs.get('meeting/d'), 12);
    const reopened = await fx.reopen();
    const loaded = await reopened.load('meeting/d');
    assert.is(loaded.rowCount, 7);
    assert.is(loaded.lastSeq, 12);
    assert.is(textOf(loaded.updates), text);
  });

  return test;
}
