// StoredLog.checkCap: whether a document at maxDocumentBytes may grow, must be compacted first
// (a log worth compacting, or a last compaction long enough ago for deletions to count), or is full.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CAP_RECOMPACTION_MS, StoredLog } from '../../../../sync-server/relay/rooms/stored-log.ts';

const test = suite('StoredLog.checkCap');
const MAX = 8_000;

function log(rows: readonly number[]): StoredLog {
  const stored = new StoredLog();
  stored.loaded(rows.length, rows.reduce((a, b) => a + b, 0), rows.length);
  return stored;
}

test('under the cap, it may grow', () => {
  assert.is(log([100, 200]).checkCap(MAX, 0), 'under');
});

test('a document as loaded at the cap is compacted first, once; a single row is full', () => {
  assert.is(log([5_000, 3_000]).checkCap(MAX, 0), 'compact');
  assert.is(log([MAX]).checkCap(MAX, 0), 'full');
});

test('after a compaction that left it at the cap, small writes find it full until the interval has passed', () => {
  const stored = log([5_000, 3_000]);
  stored.compacted(7_990, 2, 1_000);
  stored.lastSeq = 3;
  stored.added(50);
  assert.is(stored.checkCap(MAX, 1_000), 'full', 'a 50-byte log is not worth re-encoding the document');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_MS - 1), 'full');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_MS), 'compact', 'deletions logged since count after the interval');
});

test('a log of an eighth of the cap since the snapshot is compacted at once', () => {
  const stored = log([5_000, 3_000]);
  stored.compacted(7_000, 2, 1_000);
  stored.added(MAX / 8);
  assert.is(stored.checkCap(MAX, 1_001), 'compact');
});

test.run();
