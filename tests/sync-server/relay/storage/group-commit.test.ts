// Group commit: appends requested in one event-loop turn, from any number of documents, reach
// the store as one append call (one transaction); later turns get their own; a failed commit
// rejects every caller of that turn.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AppendBatch } from '../../../../sync-server/relay/storage/document-store.ts';
import { GroupCommit } from '../../../../sync-server/relay/storage/group-commit.ts';
import { MemoryDocumentStore } from '../../../../sync-server/relay/storage/memory-document-store.ts';

/** A real memory store that records each append call (fault injection by `failNext`). */
class CountingStore extends MemoryDocumentStore {
  readonly calls: (readonly AppendBatch[])[] = [];
  failNext = false;
  override async append(batches: readonly AppendBatch[]): Promise<ReadonlyMap<string, number>> {
    this.calls.push(batches);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    return super.append(batches);
  }
}

const bytes = (value: number) => new Uint8Array([value]);
const test = suite('group commit');

test('appends of one turn share one store append; each caller gets its doc seq', async () => {
  const store = new CountingStore();
  const commits = new GroupCommit(store);
  const results = await Promise.all([
    commits.append('meeting/a', [bytes(1)]),
    commits.append('meeting/b', [bytes(2)]),
    commits.append('meeting/a', [bytes(3), bytes(4)]),
  ]);
  assert.is(store.calls.length, 1);
  assert.equal(results, [3, 1, 3]);
  assert.equal((await store.load('meeting/a')).updates.map((u) => u[0]), [1, 3, 4]);

  await commits.append('meeting/a', [bytes(5)]);
  assert.is(store.calls.length, 2);
});

test('a failed commit rejects every caller of that turn and the next turn still commits', async () => {
  const store = new CountingStore();
  const commits = new GroupCommit(store);
  store.failNext = true;
  const outcomes = await Promise.allSettled([commits.append('meeting/a', [bytes(1)]), commits.append('meeting/b', [bytes(2)])]);
  assert.equal(outcomes.map((o) => o.status), ['rejected', 'rejected']);
  assert.is(await commits.append('meeting/a', [bytes(3)]), 1);
  await commits.drain();
  assert.equal((await store.load('meeting/a')).updates.map((u) => u[0]), [3]);
});

test.run();
