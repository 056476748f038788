// StoredLog.checkCap: what a batch's writes may bring to a document at maxDocumentBytes: anything
// under it; at it, no content ('deletions'), after a compaction first when one could help (a log
// worth compacting, content deleted at the cap, or a last compaction 10 s ago), never within a
// second of the last one nor within twenty times its length; an eighth above it, no new structs at all ('none').
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CAP_MIN_RECOMPACTION_MS, CAP_RECOMPACTION_COST_FACTOR, CAP_RECOMPACTION_MS, StoredLog } from '../../../../sync-server/relay/rooms/stored-log.ts';

const test = suite('StoredLog.checkCap');
const MAX = 8_000;

function log(rows: readonly number[]): StoredLog {
  const stored = new StoredLog();
  stored.loaded(rows.length, rows.reduce((a, b) => a + b, 0), rows.length);
  return stored;
}

/** A log compacted at `at` to a snapshot of `snapshot` bytes, then `added` bytes in one row. */
function compactedTo(snapshot: number, at: number, added: number): StoredLog {
  const stored = log([5_000, 3_000]);
  stored.compacted(snapshot, 2, at);
  stored.lastSeq = 3;
  stored.added(added);
  return stored;
}

test('under the cap, anything', () => {
  assert.is(log([100, 200]).checkCap(MAX, 0), 'any');
});

test('a document as loaded at the cap is compacted first; a single row at the cap takes deletions only', () => {
  assert.is(log([5_000, 3_000]).checkCap(MAX, 0), 'compact');
  assert.is(log([5_000, 3_000]).growth(MAX), 'deletions', 'asked again right after the compaction');
  assert.is(log([MAX]).checkCap(MAX, 0), 'deletions');
});

test('after a compaction that left it at the cap, a small log is not compacted again until 10 s later', () => {
  const stored = compactedTo(7_990, 1_000, 50);
  assert.is(stored.checkCap(MAX, 1_000), 'deletions', 'a 50-byte log is not worth re-encoding the document');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_MS - 1), 'deletions');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_MS), 'compact');
});

test('content deleted at the cap is compacted a second after the last compaction, and then not again', () => {
  const stored = compactedTo(7_990, 1_000, 50);
  stored.shrank();
  assert.is(stored.checkCap(MAX, 1_000 + CAP_MIN_RECOMPACTION_MS - 1), 'deletions');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_MIN_RECOMPACTION_MS), 'compact');
  stored.compacted(8_100, 3, 2_500);
  assert.is(stored.checkCap(MAX, 2_500 + CAP_MIN_RECOMPACTION_MS), 'deletions', 'compacted: the deletions are in the snapshot');
});

test('a log of an eighth of the cap since the snapshot is compacted, a second after the last compaction', () => {
  const stored = compactedTo(7_000, 1_000, MAX / 8);
  assert.is(stored.checkCap(MAX, 1_001), 'deletions', 'too soon after the last one');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_MIN_RECOMPACTION_MS), 'compact');
});

test('a failed compaction is not tried again within a second', () => {
  const stored = compactedTo(7_000, 1_000, MAX / 8);
  stored.compactionFailed(5_000, 10);
  assert.is(stored.checkCap(MAX, 5_001), 'deletions');
  assert.is(stored.checkCap(MAX, 5_000 + CAP_MIN_RECOMPACTION_MS), 'compact', 'the log is still worth it');
});

test('a compaction that took long keeps the next twenty times as far', () => {
  const stored = log([5_000, 3_000]);
  stored.compacted(7_000, 2, 1_000, 600);
  stored.lastSeq = 3;
  stored.added(MAX / 8);
  stored.shrank();
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_COST_FACTOR * 600 - 1), 'deletions');
  assert.is(stored.checkCap(MAX, 1_000 + CAP_RECOMPACTION_COST_FACTOR * 600), 'compact');
  stored.compactionFailed(20_000, 700);
  assert.is(stored.checkCap(MAX, 20_000 + CAP_RECOMPACTION_COST_FACTOR * 700 - 1), 'deletions', 'a failed one counts too');
});

test('ordinary compactions are spaced by twenty times the last one too; an erasure is not, nor a first load', () => {
  const limits = { compactAfterRows: 10, compactAfterBytes: 1_000_000 };
  const stored = log([10, 10]);
  assert.ok(stored.needsCompaction({ compactAfterRows: 1, compactAfterBytes: 1_000_000 }, 2, 0), 'a document as loaded');
  stored.compacted(100, 2, 1_000, 600);
  stored.lastSeq = 2;
  for (let i = 0; i < 20; i++) stored.added(10);
  assert.not.ok(stored.needsCompaction(limits, 22, 1_000 + CAP_RECOMPACTION_COST_FACTOR * 600 - 1));
  assert.ok(stored.needsCompaction(limits, 22, 1_000 + CAP_RECOMPACTION_COST_FACTOR * 600));
  assert.is(stored.spacingLeft(1_000 + 100), CAP_RECOMPACTION_COST_FACTOR * 600 - 100, 'when the room compacts without another write');
  stored.request();
  assert.ok(stored.needsCompaction(limits, 22, 1_001), 'an erasure waits for nothing');
  // A rebuild (the doc reloaded after a tainted write) keeps the spacing.
  stored.loaded(21, 300, 22);
  const again = new StoredLog();
  again.compacted(100, 2, 1_000, 600);
  again.loaded(21, 300, 22);
  assert.not.ok(again.needsCompaction(limits, 22, 1_001));
  assert.is(again.checkCap(280, 1_001), 'deletions', 'nor is the cap spacing reset');
});

test('an eighth above the cap, no new structs', () => {
  assert.is(log([MAX + MAX / 8]).checkCap(MAX, 0), 'none');
  assert.is(log([MAX + MAX / 8 - 1]).checkCap(MAX, 0), 'deletions');
  const stored = compactedTo(MAX + MAX / 8, 1_000, 10);
  assert.is(stored.checkCap(MAX, 1_001), 'none');
});

test.run();
