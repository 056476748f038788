// A crash at any point during compaction loses nothing. A child process appends numbered updates
// to a real SQLite store and compacts constantly; it is SIGKILLed at random moments. After each
// kill the stored log must load, and hold every update the child reported committed, with no gap.
// Run with `--compaction-child <dir> <doc> <from>` this file is the child itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { databasePath, openDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import { makeTempDir } from '../../helpers/relay-harness.ts';

const CHILD_FLAG = '--compaction-child';
const KILLS = 10;
const DOC = 'meeting/compaction-crash-000001';

function numberedUpdate(doc: Y.Doc, n: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('n').set(`k${n}`, n);
  doc.getText('t').insert(0, `${n};`);
  return Y.encodeStateAsUpdate(doc, before);
}

async function child(dir: string, from: number): Promise<never> {
  const db = openDatabase(databasePath(dir));
  const store = new SqliteDocumentStore(db);
  const loaded = await store.load(DOC);
  const doc = new Y.Doc();
  for (const update of loaded.updates) Y.applyUpdate(doc, update);
  process.stdout.write('ready\n');
  for (let n = from; ; n++) {
    await store.append([{ doc: DOC, updates: [numberedUpdate(doc, n)] }]);
    process.stdout.write(`committed ${n}\n`);
    if (n % 3 === 0) {
      const stored = await store.load(DOC);
      await store.compact(DOC, Y.mergeUpdates([...stored.updates]), stored.lastSeq);
    }
  }
}

function storedNumbers(dir: string): number[] {
  const db = openDatabase(databasePath(dir));
  try {
    const rows = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY seq').all(DOC) as { data: Buffer }[];
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return [...doc.getMap<number>('n').values()].sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

async function runUntilKilled(dir: string, from: number, killAfterCommits: number): Promise<number> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, dir, String(from)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let lastCommitted = from - 1;
  let seen = 0;
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
    const match = /^committed (\d+)$/.exec(line);
    if (!match) return;
    lastCommitted = Number(match[1]);
    if (++seen === killAfterCommits) proc.kill('SIGKILL');
  });
  const limit = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(limit);
  return lastCommitted;
}

if (process.argv.includes(CHILD_FLAG)) {
  const [dir, from] = process.argv.slice(process.argv.indexOf(CHILD_FLAG) + 1);
  await child(dir!, Number(from));
} else {
  const test = suite('compaction crash safety');

  test(`${KILLS} SIGKILLs during append and compaction lose no committed update`, async () => {
    const dir = makeTempDir();
    try {
      let next = 1;
      // A fixed pseudo-random schedule: kills land at different points of the append/compact cycle.
      let seed = 7;
      for (let i = 0; i < KILLS; i++) {
        seed = (seed * 48271) % 2147483647;
        const reported = await runUntilKilled(dir, next, 5 + (seed % 40));
        const numbers = storedNumbers(dir);
        const highest = numbers.at(-1) ?? 0;
        assert.ok(highest >= reported, `kill ${i}: committed ${reported} but stored up to ${highest}`);
        assert.equal(numbers, Array.from({ length: highest }, (_, k) => k + 1), `kill ${i}: a gap in the stored updates`);
        next = highest + 1;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.run();
}
