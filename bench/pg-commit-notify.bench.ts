// Why a relay on PostgreSQL notifies other nodes after its commit rather than inside it. K writers
// (K relay nodes, each committing one group commit at a time) append 64-byte rows to their own
// documents for a fixed time, two ways: the append with its NOTIFY inside the same transaction
// (one statement, as nodes committed before), and PostgresDocumentStore's append, whose NOTIFY is
// a statement of its own after the commit. A notifying transaction takes a cluster-wide lock
// before its commit record and keeps it through the fsync, so the first way flushes one commit at
// a time however many nodes there are; the second lets PostgreSQL flush concurrent commits
// together. Reported per way and writer count: commits per second and commit latency, once as
// the cluster comes, and once with every flush made 2 ms longer (commit_delay, in a database of
// its own), as on a disk whose fsync takes 2 ms: this machine's own fsync is far faster.
import pg from 'pg';
import { startPostgres } from '../tests/helpers/postgres-cluster.ts';
import { UPDATES_CHANNEL } from '../sync-server/relay/storage/commit-notification.ts';
import { PostgresDocumentStore } from '../sync-server/relay/storage/postgres-document-store.ts';
import type { BenchResult, BenchRow } from './bench-result.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { formatMs, percentile } from './measure.ts';

const WRITERS = [1, 2, 4, 8] as const;
const SECONDS = Number(process.env.PG_NOTIFY_SECONDS ?? 6);
const ROW = new Uint8Array(64).fill(7);
/** µs added before each WAL flush in the slow-flush database; commit_siblings 0 applies it always. */
const SLOW_FLUSH_US = 2000;

/** The earlier commit: the append and its notifications in one transaction (one statement). */
const NOTIFYING_APPEND = `
  CREATE OR REPLACE FUNCTION bench_append_notifying(docs TEXT[], datas BYTEA[])
  RETURNS TABLE (appended_doc TEXT, last_seq BIGINT) LANGUAGE plpgsql AS $fn$
  BEGIN
    RETURN QUERY SELECT a.appended_doc, a.last_seq FROM ltm_append_rows(docs, datas) a,
      LATERAL pg_notify('${UPDATES_CHANNEL}', a.last_seq || ' ' || a.appended_doc) n;
  END
  $fn$`;

type Commit = (doc: string) => Promise<unknown>;

interface Writer {
  readonly commit: Commit;
  close(): Promise<void>;
}

async function insideWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const call = { name: 'bench_append_notifying', text: 'SELECT * FROM bench_append_notifying($1::text[], $2::bytea[])' };
  return {
    commit: (doc) => client.query({ ...call, values: [[doc], [Buffer.from(ROW)]] }),
    close: () => client.end(),
  };
}

async function afterWriter(url: string): Promise<Writer> {
  const store = await PostgresDocumentStore.open(url, 2);
  return {
    commit: (doc) => store.append([{ doc, updates: [ROW] }]),
    close: () => store.close(),
  };
}

interface Outcome {
  readonly commitsPerSecond: number;
  readonly sorted: number[];
}

/** K writers, each committing in a loop for SECONDS; every commit's latency is kept. */
async function measure(url: string, count: number, open: (url: string) => Promise<Writer>, run: number): Promise<Outcome> {
  const writers = await Promise.all(Array.from({ length: count }, () => open(url)));
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  try {
    await Promise.all(writers.map(async (writer, w) => {
      const doc = `meeting/bench-${run}-${count}-${w}-${'x'.repeat(16)}`;
      while (performance.now() < until) {
        const started = performance.now();
        await writer.commit(doc);
        latencies.push(performance.now() - started);
      }
    }));
  } finally {
    await Promise.all(writers.map((writer) => writer.close()));
  }
  return { commitsPerSecond: latencies.length / SECONDS, sorted: latencies.sort((a, b) => a - b) };
}

/** A database with the schema, ltm_append_rows and the earlier notifying append. */
async function prepare(url: string, settings: string[]): Promise<void> {
  await (await PostgresDocumentStore.open(url, 1)).close();
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(NOTIFYING_APPEND);
  for (const setting of settings) await setup.query(setting);
  await setup.end();
}

async function compare(url: string, label: string, rows: BenchRow[], runs: { n: number }): Promise<void> {
  // As in a deployment, someone listens, so the notification queue is read as it fills.
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  await listener.query(`LISTEN ${UPDATES_CHANNEL}`);
  try {
    for (const count of WRITERS) {
      const inside = await measure(url, count, insideWriter, ++runs.n);
      const after = await measure(url, count, afterWriter, ++runs.n);
      const show = (o: Outcome) => `${Math.round(o.commitsPerSecond)}/s, ${formatMs(percentile(o.sorted, 50))} / ${formatMs(percentile(o.sorted, 99))}`;
      const writers = `${count} writer${count === 1 ? '' : 's'}`;
      rows.push({ metric: `${label}, ${writers}: NOTIFY inside the commit (commits, p50 / p99)`, value: show(inside) });
      rows.push({ metric: `${label}, ${writers}: NOTIFY after the commit (commits, p50 / p99)`, value: show(after) });
    }
  } finally {
    await listener.end();
  }
}

export default async function run(): Promise<BenchResult> {
  const loadBefore = loadAverage();
  const cluster = await startPostgres();
  const rows: BenchRow[] = [];
  const runs = { n: 0 };
  try {
    const fast = await cluster.createDatabase('notify_bench');
    await prepare(fast, []);
    await compare(fast, 'this disk', rows, runs);
    const slow = await cluster.createDatabase('notify_bench_slow');
    await prepare(slow, [`ALTER DATABASE notify_bench_slow SET commit_delay = ${SLOW_FLUSH_US}`, 'ALTER DATABASE notify_bench_slow SET commit_siblings = 0']);
    await compare(slow, `flush + ${SLOW_FLUSH_US / 1000} ms`, rows, runs);
  } finally {
    await cluster.stop();
  }
  return {
    name: 'pg-commit-notify',
    title: 'PostgreSQL commits from several writers: NOTIFY inside the commit vs after it',
    rows,
    notes: [
      `Each writer is one relay node's commit path: one commit at a time, a 64-byte row to its own document, for ${SECONDS} s; the writers run concurrently on one PostgreSQL 15 cluster (fsync on, synchronous_commit on, default settings), on the same 2 cores as this process.`,
      '"Inside": one statement that appends and NOTIFYs in the same transaction, as relays committed before. "After": PostgresDocumentStore.append, whose NOTIFY is a statement of its own once the append has committed (postgres-commit-notifier.ts); its latency is the append\'s, since nothing waits for the notification.',
      `"flush + ${SLOW_FLUSH_US / 1000} ms": the same in a database with commit_delay = ${SLOW_FLUSH_US} µs and commit_siblings = 0, so every commit waits ${SLOW_FLUSH_US / 1000} ms more before its WAL flush, as on a disk whose fsync takes that long (cloud block storage often does); this machine's own flush is well under a millisecond.`,
      'A transaction that notifies takes a lock on "database 0" before its commit record and releases it after the commit is flushed (PreCommit_Notify in async.c), so notifying commits of all writers are flushed one after another; a notify-only transaction writes no WAL before its commit record and waits for no flush.',
      loadNote(loadBefore),
    ],
  };
}
