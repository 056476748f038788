// An erasure's compaction that a gap stops short stays pending until a compaction covers every
// row: here the entry removed for good was added and removed in this node's own rows, above
// another node's row the room has not heard of yet, so the first compaction can replace only the
// rows below the gap and leaves the erased title in a later row. Once the other node's row is
// announced and applied, the room compacts again and the title leaves the store; while the gap is
// open, edits do not compact the same rows again. A real relay on the real in-memory DocumentStore
// (its calls counted), a stock provider, the production library-erasure watch; the
// other node is its row appended to the same store and its notification handed to the relay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import type { ErasureWatch } from '../../../../sync-server/relay/access-gate.ts';
import type { DocumentStore } from '../../../../sync-server/relay/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../../sync-server/relay/storage/memory-document-store.ts';
import type { UpdateFeed, UpdateFeedListener } from '../../../../sync-server/relay/storage/update-feed.ts';
import { LibraryErasures } from '../../../../sync-server/web/access/library-erasures.ts';
import { countCalls } from '../../../helpers/counted-calls.ts';
import { addEntry, eraseEntry, libraryRows } from '../../helpers/library-entries.ts';
import { docName, startTestRelay, waitFor } from '../../helpers/relay-harness.ts';
import { TokenRoleGate } from '../../helpers/token-role-gate.ts';

/** The transport's test gate, with the erasure watch the production gate has. */
class ErasureWatchingGate extends TokenRoleGate {
  readonly #erasures = new LibraryErasures();

  watchErasures(doc: string, ydoc: Y.Doc, erased: () => void): ErasureWatch {
    return this.#erasures.watch(doc, ydoc, erased);
  }
}

/** Another node's notifications, delivered when the test says so. */
class AnnouncedCommits implements UpdateFeed {
  listener: UpdateFeedListener | null = null;

  async start(listener: UpdateFeedListener): Promise<void> {
    this.listener = listener;
  }

  async close(): Promise<void> {
    this.listener = null;
  }
}

test('a compaction stopped short by a gap keeps the erasure pending; it covers every row once the gap fills', async () => {
  const store = new MemoryDocumentStore();
  const feed = new AnnouncedCommits();
  const counted = countCalls<DocumentStore>(store);
  const relay = await startTestRelay({}, { store: counted.target, feed, gate: new ErasureWatchingGate() });
  try {
    const doc = docName('library');
    await store.append([{ doc, updates: libraryRows((lib) => [addEntry(lib, 'First'), addEntry(lib, 'Second')]) }]);
    const rows = async () => store.loadSince(doc, 0);
    const storedText = async () => (await rows()).map((row) => Buffer.from(row.update).toString('utf8')).join('\n');
    const client = relay.provider(doc, 'edit');
    await waitFor(() => client.synced, 'the library is synced');

    const [otherRow] = libraryRows((lib) => addEntry(lib, 'From the other node'));
    const otherSeq = (await store.append([{ doc, updates: [otherRow!] }])).get(doc)!;
    const secret = addEntry(client.doc, 'Erased secret');
    await waitFor(async () => (await storedText()).includes('Erased secret'), 'the entry is stored above the gap');
    eraseEntry(client.doc, secret);
    await waitFor(async () => (await rows())[0]!.seq === otherSeq - 1, 'the compaction stops below the gap');
    assert.ok((await storedText()).includes('Erased secret'), 'a row above the gap still holds the erased title');
    // The room's queue is serial: once the second edit is stored, the first one's turn (and any
    // compaction it started) is over.
    const compactions = counted.count('compact');
    addEntry(client.doc, 'While the gap is open');
    await waitFor(async () => (await storedText()).includes('While the gap is open'), 'an edit while the gap is open is stored');
    addEntry(client.doc, 'Still open');
    await waitFor(async () => (await storedText()).includes('Still open'), 'a second one is stored');
    assert.is(counted.count('compact'), compactions, 'the rows below the gap are not rewritten at every edit while it stays open');

    feed.listener!.committed(doc, otherSeq, otherRow);
    await waitFor(async () => (await rows()).length === 1, 'once the gap fills, one snapshot replaces every row');
    const text = await storedText();
    assert.not.ok(text.includes('Erased secret'));
    assert.ok(text.includes('From the other node') && text.includes('First'));
  } finally {
    await relay.stop();
  }
});

test.run();
