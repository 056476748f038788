// What a document at the size cap (maxDocumentBytes, 16 MiB by default) costs the relay: a
// compaction encodes the whole document and rewrites it in SQLite, on the event loop, and the
// relay spaces one document's compactions by twenty times the last one's length
// (rooms/stored-log.ts). Measured in process on the
// real store: a document grown as notes are (pasted paragraphs, some deleted) to the cap, loaded
// from its rows, encoded, and compacted, each step timed on its own.
import * as Y from 'yjs';
import type { BenchResult } from './bench-result.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { formatBytes, formatMs, percentile } from './measure.ts';
import { defaults } from '../sync-server/config.ts';
import { CAP_MIN_RECOMPACTION_MS, CAP_RECOMPACTION_COST_FACTOR } from '../sync-server/relay/rooms/stored-log.ts';
import { databasePath, openDatabase } from '../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../sync-server/relay/storage/sqlite-document-store.ts';
import { makeTempDir } from '../tests/sync-server/helpers/relay-harness.ts';
import { seededRandom } from './fixtures/seeded-random.ts';
import fs from 'node:fs';

const DOC = `meeting/${'d'.repeat(32)}`;
const PARAGRAPH = 2_000;
const RUNS = 5;

/** Updates that grow a meeting's notes to about `bytes` encoded: paragraphs pasted into several
 *  items' notes, one in ten deleted again. */
function grownTo(bytes: number): { updates: Uint8Array[]; encoded: number } {
  const random = seededRandom(11);
  const doc = new Y.Doc();
  doc.clientID = 4242;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const letters = () => Array.from(random(PARAGRAPH), (b) => String.fromCharCode(97 + (b % 26))).join('');
  let encoded = 0;
  for (let i = 0; encoded < bytes; i++) {
    const notes = doc.getText(`notes-${i % 40}`);
    if (i % 10 === 9 && notes.length > PARAGRAPH) notes.delete(0, PARAGRAPH);
    else notes.insert(notes.length, letters());
    if (i % 200 === 199) encoded = Y.encodeStateAsUpdate(doc).byteLength;
  }
  return { updates, encoded: Y.encodeStateAsUpdate(doc).byteLength };
}

const median = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 50);

export default async function run(): Promise<BenchResult> {
  const loadBefore = loadAverage();
  const cap = defaults.maxDocumentBytes;
  const { updates, encoded } = grownTo(cap);
  const dataDir = makeTempDir();
  const db = openDatabase(databasePath(dataDir));
  const store = new SqliteDocumentStore(db);
  const loads: number[] = [];
  const encodes: number[] = [];
  const compactions: number[] = [];
  let snapshotBytes = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const doc = `${DOC}${run}`;
      const seqs = await store.append([{ doc, updates }]);
      const lastSeq = seqs.get(doc)!;
      let started = performance.now();
      const stored = await store.load(doc);
      const ydoc = new Y.Doc();
      Y.transact(ydoc, () => {
        for (const update of stored.updates) Y.applyUpdate(ydoc, update);
      });
      loads.push(performance.now() - started);
      started = performance.now();
      const snapshot = Y.encodeStateAsUpdate(ydoc);
      encodes.push(performance.now() - started);
      snapshotBytes = snapshot.byteLength;
      started = performance.now();
      await store.compact(doc, snapshot, lastSeq);
      compactions.push(performance.now() - started);
      ydoc.destroy();
    }
  } finally {
    await store.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const perCompaction = median(encodes) + median(compactions);
  const interval = Math.max(CAP_MIN_RECOMPACTION_MS, CAP_RECOMPACTION_COST_FACTOR * perCompaction);
  return {
    name: 'relay-document-cap',
    title: `A document at the size cap (${formatBytes(cap)}): what a compaction at the cap costs`,
    rows: [
      { metric: 'document: updates, encoded size (snapshot)', value: `${updates.length}, ${formatBytes(encoded)} (${formatBytes(snapshotBytes)})` },
      { metric: 'load from SQLite and apply its rows (median)', value: formatMs(median(loads)) },
      { metric: 'encode the snapshot (median)', value: formatMs(median(encodes)) },
      { metric: 'write the snapshot, delete the rows it replaces (median)', value: formatMs(median(compactions)) },
      { metric: 'one compaction at the cap (encode + write)', value: formatMs(perCompaction) },
      {
        metric: `at the cap, compactions at least max(${CAP_MIN_RECOMPACTION_MS / 1000} s, ${CAP_RECOMPACTION_COST_FACTOR} x the last one's length) apart: interval, share of one core at most`,
        value: `${(interval / 1000).toFixed(1)} s, ${((perCompaction / interval) * 100).toFixed(1)} %`,
      },
    ],
    notes: [
      loadNote(loadBefore),
      `${RUNS} runs, in process, on the relay's own SqliteDocumentStore (WAL, synchronous=NORMAL, secure_delete on) in a temp directory; each run appends the same ${updates.length} updates under a new document name first.`,
      `The document: paragraphs of ${PARAGRAPH} random letters appended to 40 notes, one in ten deleted again, until it encodes to the cap.`,
      'At the cap a compaction comes when content the document held was deleted, when an eighth of the cap was logged since the last one, or 10 s after it, and never within a second of the last one. Every compaction of a document, at the cap or not (an erasure excepted), also waits twenty times as long as its last one took: the last row is the most that its writers, whatever they send, can make one document of this size cost.',
      'A compaction runs on the event loop (better-sqlite3 is synchronous), so each one also delays every room of the relay by its length; the write dominates (secure_delete overwrites the replaced rows with zeros). The twenty-fold spacing is what keeps that to a twentieth of the time.',
    ],
  };
}
