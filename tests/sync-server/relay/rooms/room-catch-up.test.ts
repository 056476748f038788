// A room catching up with rows other nodes committed, whatever order their notifications arrive
// in: carried rows in sequence are applied without reading the store; a gap (a row not carried,
// a notification later than the next one) is read by sequence number; this node's own rows are
// never applied twice; a number already applied (a sweep, a late notification) asks for nothing.
// The store is the real in-memory DocumentStore, its loadSince calls counted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DocumentStore } from '../../../../sync-server/relay/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../../sync-server/relay/storage/memory-document-store.ts';
import { RoomCatchUp } from '../../../../sync-server/relay/rooms/room-catch-up.ts';
import { countCalls, type CountedCalls } from '../../../helpers/counted-calls.ts';

const DOC = 'meeting/abcdefghijklmnop';
const row = (n: number) => new Uint8Array([n]);

async function world(): Promise<{ store: MemoryDocumentStore; reads: CountedCalls<DocumentStore>; catchUp: RoomCatchUp; applied: number[] }> {
  const store = new MemoryDocumentStore();
  const reads = countCalls<DocumentStore>(store);
  return { store, reads, catchUp: new RoomCatchUp(DOC, reads.target), applied: [] };
}

/** Another node (or this one) commits row n; returns its sequence number. */
async function commit(store: MemoryDocumentStore, n: number): Promise<number> {
  return (await store.append([{ doc: DOC, updates: [row(n)] }])).get(DOC)!;
}

test('rows carried in sequence are applied from the notifications alone', async () => {
  const { store, reads, catchUp, applied } = await world();
  await commit(store, 1);
  catchUp.reset(1);
  assert.ok(catchUp.heard(await commit(store, 2), row(2)));
  assert.ok(catchUp.heard(await commit(store, 3), row(3)));
  await catchUp.run((update) => applied.push(update[0]!));
  assert.equal(applied, [2, 3]);
  assert.is(catchUp.applied, 3);
  assert.is(reads.count('loadSince'), 0);
});

test('a carried row heard before the one under it waits for a read, and both apply in order', async () => {
  const { store, reads, catchUp, applied } = await world();
  catchUp.reset(0);
  const first = await commit(store, 1);
  const second = await commit(store, 2);
  assert.ok(catchUp.heard(second, row(2)), 'row 2 is heard first');
  await catchUp.run((update) => applied.push(update[0]!));
  assert.equal(applied, [1, 2]);
  assert.is(reads.count('loadSince'), 1);
  assert.not.ok(catchUp.heard(first, row(1)), 'the late notification asks for nothing');
});

test("this node's row past another node's: its own notification first, the other row is read, nothing applied twice", async () => {
  const { store, reads, catchUp, applied } = await world();
  await commit(store, 1);
  catchUp.reset(1);
  await commit(store, 2); // another node's, not heard yet
  const own = await commit(store, 3); // this node's, already in the doc and broadcast
  catchUp.committed(own);
  assert.is(catchUp.applied, 1, 'a gap lies below the own row');
  assert.ok(catchUp.heard(own, row(3)));
  await catchUp.run((update) => applied.push(update[0]!));
  assert.equal(applied, [2]);
  assert.is(catchUp.applied, 3);
  assert.is(reads.count('loadSince'), 1, 'the row not carried is read once');
});

test("this node's row past another node's: the other notification first, then the own row is skipped", async () => {
  const { store, reads, catchUp, applied } = await world();
  await commit(store, 1);
  catchUp.reset(1);
  const other = await commit(store, 2);
  catchUp.committed(await commit(store, 3));
  assert.ok(catchUp.heard(other, row(2)));
  await catchUp.run((update) => applied.push(update[0]!));
  assert.equal(applied, [2]);
  assert.is(catchUp.applied, 3);
  assert.is(reads.count('loadSince'), 0, 'the own row needs no read');
});

test('a number already applied, as a sweep reports it, asks for nothing; a higher one reads', async () => {
  const { store, reads, catchUp, applied } = await world();
  await commit(store, 1);
  await commit(store, 2);
  catchUp.reset(2);
  assert.not.ok(catchUp.heard(2));
  assert.not.ok(catchUp.heard(1));
  const silent = await commit(store, 3); // committed, its notification lost
  assert.ok(catchUp.heard(silent), 'the sweep reports the last number, with no row');
  await catchUp.run((update) => applied.push(update[0]!));
  assert.equal(applied, [3]);
  assert.is(reads.count('loadSince'), 1);
});

test.run();
