// A store that cannot commit (a full disk, simulated by a real SQLite file capped with
// max_page_count): writers are closed with 1011 and stock clients retry every few hundred
// milliseconds, yet the log gets one line per failure kind per interval, not one per attempt.
// Once space is back, the clients' edits are stored and nothing was lost.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pino } from 'pino';
import { CloseCode } from '../../wire/close-codes.ts';
import { FailureLog } from '../../sync-server/relay/failure-log.ts';
import { docFromRows, storedRows } from './helpers/frames.ts';
import { fullableStore, PAGE_FILLER } from './helpers/full-database.ts';
import { docName, makeTempDir, startTestRelay, waitFor } from './helpers/relay-harness.ts';

const test = suite('store failures');

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly kind?: string;
  readonly suppressed?: number;
}

function recordingLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { lines, logger };
}

test('a failure kind is logged once per interval, then with the count it left out', () => {
  const { lines, logger } = recordingLogger();
  let now = 0;
  const failures = new FailureLog(logger, 60_000, () => now);
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  for (let i = 0; i < 500; i++) {
    now += 100;
    failures.error('commit failed', { doc: `meeting/${i}` }, full);
    failures.error('room load failed', {}, new TypeError('broken'));
  }
  assert.equal(lines.map((l) => l.kind), ['commit failed: SQLITE_FULL', 'room load failed: TypeError']);
  now += 60_000;
  failures.error('commit failed', {}, full);
  assert.is(lines.length, 3);
  assert.is(lines[2]!.suppressed, 499);
});

test('a burst of commit failures from reconnecting stock clients logs a bounded number of lines', async () => {
  const dataDir = makeTempDir();
  const full = fullableStore(dataDir);
  const harness = await startTestRelay({}, { store: full.store, dataDir });
  try {
    const doc = docName();
    const writers = [0, 1, 2].map(() => harness.provider(doc, 'edit'));
    await waitFor(() => writers.every((w) => w.synced), 'writers synced');
    const disk = full.fill();
    writers.forEach((w, i) => w.doc.getText(`notes${i}`).insert(0, `${i} ${PAGE_FILLER}`));
    const closes1011 = async () => {
      const { values } = await harness.relay.metrics.refusedConnections.get();
      return values.find((v) => v.labels.code === String(CloseCode.internalError))?.value ?? 0;
    };
    await waitFor(async () => (await closes1011()) >= 30, '30 writers closed with 1011 while the disk is full', 30_000);
    // The room's failure, once, and readiness turning to "not ready", once.
    const errors = harness.logs.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level >= 40);
    const described = errors.map((e) => `${e.msg} (${e.kind ?? ''})`).join('\n');
    assert.equal(errors.map((e) => e.kind ?? e.msg).sort(), ['commit failed: SQLITE_FULL', 'store cannot commit; not ready'], `${errors.length} warn/error lines for ${await closes1011()} failed commits:\n${described}`);

    disk.makeRoom();
    await waitFor(() => {
      const stored = docFromRows(storedRows(dataDir, doc));
      return writers.every((_, i) => stored.getText(`notes${i}`).toString().startsWith(`${i} x`));
    }, 'every edit stored once space is back', 30_000);
  } finally {
    await harness.stop();
    full.db.close();
  }
});

test.run();
