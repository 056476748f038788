// Cold load: rooms of 10,000 stored updates each (typed text, one update per keystroke, written
// straight into the relay's SQLite store), compacted by a first load, then served by a freshly
// started relay process. Measured end to end (socket open + sync step 1 until the step 2 answer,
// which waits for the room to load) and in process (store.load + applying the rows).
import fs from 'node:fs';
import * as Y from 'yjs';
import type { BenchResult } from './bench-result.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { formatBytes, formatMs, percentile } from './measure.ts';
import { databasePath, openDatabase } from '../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../sync-server/relay/storage/sqlite-document-store.ts';
import { createAccount } from '../tests/sync-server/helpers/relay-account.ts';
import { makeTempDir } from '../tests/sync-server/helpers/relay-harness.ts';
import { spawnRelay } from '../tests/sync-server/helpers/relay-process.ts';
import { storedRows } from '../tests/sync-server/helpers/frames.ts';
import { WireClient } from './relay-load/wire-client.ts';
import { LOAD_OVERRIDES } from './relay-load/relay-fixture.ts';

const ROOMS = 8;
const UPDATES_PER_ROOM = 10_000;
const TARGET_MS = 50;
const IN_PROCESS_RUNS = 20;

function typedUpdates(seed: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = seed;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('notes');
  for (let i = 0; i < UPDATES_PER_ROOM; i++) {
    if (i % 10 === 9) doc.getMap('meta').set('title', `meeting ${i}`);
    else if (i % 7 === 6 && text.length > 0) text.delete(text.length - 1, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  return updates;
}

async function syncOnce(url: string, room: string, token: string): Promise<{ openToStep2: number; total: number }> {
  const started = performance.now();
  let opened = 0;
  let done: (t: number) => void = () => {};
  const synced = new Promise<number>((resolve) => (done = resolve));
  const client = new WireClient(0, url, room, token, { onMarker() {}, onSynced: () => done(performance.now()) });
  await client.connect();
  opened = performance.now();
  const at = await synced;
  client.close();
  return { openToStep2: at - opened, total: at - started };
}

export default async function run(): Promise<BenchResult> {
  const dataDir = makeTempDir();
  const loadBefore = loadAverage();
  try {
    const rooms = Array.from({ length: ROOMS }, (_, i) => `meeting/${'c'.repeat(30)}${String(i).padStart(2, '0')}`);
    const seed = openDatabase(databasePath(dataDir));
    const store = new SqliteDocumentStore(seed);
    for (const [i, room] of rooms.entries()) await store.append([{ doc: room, updates: typedUpdates(1000 + i) }]);
    await store.close();
    seed.close();

    let relay = await spawnRelay({ dataDir, overrides: LOAD_OVERRIDES, logLevel: 'warn' });
    const account = await createAccount(relay.httpUrl);
    const tokens = new Map<string, string>();
    for (const room of rooms) tokens.set(room, await account.tokenFor(room));
    // First load: 10,000 rows, compacted right after loading.
    const firstLoads: number[] = [];
    for (const room of rooms) firstLoads.push((await syncOnce(relay.url, room, tokens.get(room)!)).openToStep2);
    const rowsAfter = rooms.map((room) => storedRows(dataDir, room));
    const snapshotBytes = rowsAfter.map((rows) => rows.reduce((n, r) => n + r.byteLength, 0));
    await relay.stop();
    relay = await spawnRelay({ dataDir, port: relay.port, overrides: LOAD_OVERRIDES, logLevel: 'warn' });
    const cold = [];
    for (const room of rooms) cold.push(await syncOnce(relay.url, room, tokens.get(room)!));
    await relay.stop();

    const db = openDatabase(databasePath(dataDir));
    const reader = new SqliteDocumentStore(db);
    const inProcess: number[] = [];
    for (let run = 0; run < IN_PROCESS_RUNS; run++) {
      for (const room of rooms) {
        const t = performance.now();
        const stored = await reader.load(room);
        const doc = new Y.Doc();
        Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
        inProcess.push(performance.now() - t);
        doc.destroy();
      }
    }
    db.close();

    const openToStep2 = cold.map((c) => c.openToStep2).sort((a, b) => a - b);
    const total = cold.map((c) => c.total).sort((a, b) => a - b);
    firstLoads.sort((a, b) => a - b);
    inProcess.sort((a, b) => a - b);
    const worst = openToStep2.at(-1)!;
    return {
      name: 'relay-cold-load',
      title: `Relay cold load: a room of ${UPDATES_PER_ROOM.toLocaleString('en')} stored updates, after compaction`,
      rows: [
        { metric: 'stored rows per room after the first load (compacted)', value: rowsAfter.map((r) => r.length).join(', ') },
        { metric: 'snapshot size', value: formatBytes(percentile(snapshotBytes.sort((a, b) => a - b), 50)) },
        { metric: `cold load, open + step 1 to step 2 (median of ${ROOMS} rooms)`, value: formatMs(percentile(openToStep2, 50)), target: `< ${TARGET_MS} ms`, ok: percentile(openToStep2, 50) < TARGET_MS },
        { metric: 'cold load, open + step 1 to step 2 (worst room)', value: formatMs(worst) },
        { metric: 'cold load including connect and auth (median)', value: formatMs(percentile(total, 50)) },
        { metric: 'in process: store.load + apply (median)', value: formatMs(percentile(inProcess, 50)) },
        { metric: 'first load of 10,000 uncompacted rows, then compaction (median)', value: formatMs(percentile(firstLoads, 50)) },
      ],
      notes: [
        loadNote(loadBefore),
        'Each room: 10,000 single-keystroke updates (typing, some deletions, a title set every 10th) from one client, written directly into the store as separate rows; the first relay load compacts them into one snapshot row.',
        'Cold: a new relay process (nothing in memory, SQLite page cache of the OS warm); each room is opened once by a raw protocol client. The first room also pays the JIT warm-up of the new process.',
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
