// The relay-load run on four setups in one run: 1 node on SQLite, 1 node on PostgreSQL, and 2 and 3
// nodes on one PostgreSQL with each room's clients spread over the nodes, so most deliveries go
// node to node (commit, NOTIFY at commit carrying the update, the other node broadcasts it).
// RELAY_SCALE_SETUPS (e.g. `pg1,pg2`) runs a subset while investigating; the record runs all.
// Every node is its own process; the database is a real PostgreSQL (tests/helpers/postgres-cluster.ts).
import type { BenchResult, BenchRow } from './bench-result.ts';
import { formatBytes, formatMs } from './measure.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { postgresSetup, sqliteSetup } from './relay-load/load-setups.ts';
import { runLoad, type LoadReport } from './relay-load/run-load.ts';
import { startPostgres } from '../tests/helpers/postgres-cluster.ts';

const CLIENTS = Number(process.env.RELAY_LOAD_CLIENTS ?? 2_000);
const ROOMS = Number(process.env.RELAY_LOAD_ROOMS ?? 500);
const RATE = Number(process.env.RELAY_LOAD_RATE ?? 1_000);
const DURATION_MS = Number(process.env.RELAY_LOAD_SECONDS ?? 20) * 1000;
const CROSS_NODE_P99_TARGET_MS = 25;
const SETUPS = ['sqlite', 'pg1', 'pg2', 'pg3'] as const;
const WANTED = new Set((process.env.RELAY_SCALE_SETUPS ?? SETUPS.join(',')).split(','));

function crossNodeRows(r: LoadReport): BenchRow[] {
  if (r.nodes.length < 2) return [];
  return [
    {
      metric: `${r.label}: cross-node delivery, node 1 → node 2: p50 / p99`,
      value: `${formatMs(r.firstToSecondMs.p50)} / ${formatMs(r.firstToSecondMs.p99)} (${r.firstToSecondMs.count} deliveries)`,
      target: `p99 < ${CROSS_NODE_P99_TARGET_MS} ms`,
      ok: r.firstToSecondMs.p99 < CROSS_NODE_P99_TARGET_MS,
    },
    { metric: `${r.label}: cross-node delivery, any two nodes: p50 / p99`, value: `${formatMs(r.crossNodeMs.p50)} / ${formatMs(r.crossNodeMs.p99)} (${r.crossNodeMs.count} deliveries)` },
    { metric: `${r.label}: same-node delivery in this run: p50 / p99`, value: `${formatMs(r.sameNodeMs.p50)} / ${formatMs(r.sameNodeMs.p99)} (${r.sameNodeMs.count} deliveries)` },
  ];
}

/** Where a cross-node delivery's time went in one run, from its own figures. */
function whereTimeGoes(r: LoadReport): string {
  const added = r.firstToSecondMs.p50 - r.sameNodeMs.p50;
  return `${r.label}: a group commit took ${formatMs(r.meanCommitMs)} on average (${r.slowCommits.over25ms} of ${r.commits} over 25 ms); same-node delivery p50 ${formatMs(r.sameNodeMs.p50)}, node 1 → node 2 p50 ${formatMs(r.firstToSecondMs.p50)}, so crossing nodes added ${formatMs(added)} at the median and the rest is the commit and the scheduling of ${r.nodes.length} nodes, PostgreSQL and the generator on 2 cores (nodes ${r.nodes.map((n) => `${n.cpuPercent.toFixed(0)} %`).join(' + ')}, PostgreSQL ${r.databaseCpuPercent?.toFixed(0) ?? '?'} %, generator ${r.generatorCpuPercent.toFixed(0)} % of one core).`;
}

function rows(r: LoadReport): BenchRow[] {
  const cpu = r.nodes.map((n) => `${n.cpuPercent.toFixed(0)} %`).join(' + ');
  return [
    { metric: `${r.label}: sent (rate), lost (not delivered 15 s after sending stopped)`, value: `${r.sent} (${r.achievedRate.toFixed(0)}/s), ${r.lost} of ${r.expectedDeliveries}`, target: '0 lost', ok: r.lost === 0 },
    { metric: `${r.label}: fan-out p50 / p99 / max`, value: `${formatMs(r.latencyMs.p50)} / ${formatMs(r.latencyMs.p99)} / ${formatMs(r.latencyMs.max)}` },
    { metric: `${r.label}: CPU per node (% of one core)`, value: cpu },
    ...(r.databaseCpuPercent === null ? [] : [{ metric: `${r.label}: PostgreSQL CPU (all its processes)`, value: `${r.databaseCpuPercent.toFixed(0)} %` }]),
    { metric: `${r.label}: commits per second (mean commit)`, value: `${r.commitsPerSecond.toFixed(0)} (${formatMs(r.meanCommitMs)})` },
    { metric: `${r.label}: group commits slower than 10 ms / 25 ms`, value: `${r.slowCommits.over10ms} / ${r.slowCommits.over25ms} of ${r.commits}` },
    { metric: `${r.label}: peak RSS per node`, value: r.nodes.map((n) => formatBytes(n.peakRssBytes)).join(', ') },
    ...crossNodeRows(r),
  ];
}

export default async function run(): Promise<BenchResult> {
  const loadBefore = loadAverage();
  const load = { clients: CLIENTS, rooms: ROOMS, updatesPerSecond: RATE, durationMs: DURATION_MS };
  const cluster = await startPostgres();
  const postgresNodes = (count: number) => (rooms: readonly string[]) => postgresSetup(rooms, cluster, count);
  const setups = { sqlite: sqliteSetup, pg1: postgresNodes(1), pg2: postgresNodes(2), pg3: postgresNodes(3) };
  const reports: LoadReport[] = [];
  try {
    for (const name of SETUPS) if (WANTED.has(name)) reports.push(await runLoad({ ...load, setup: setups[name] }));
  } finally {
    await cluster.stop();
  }
  return {
    name: 'relay-scale',
    title: `Relay load on four setups: ${CLIENTS} clients, ${ROOMS} rooms, ${RATE} updates/s for ${DURATION_MS / 1000} s each`,
    rows: reports.flatMap(rows),
    notes: [
      loadNote(loadBefore),
      'What the machine allowed: 2 cores for everything. In the 2- and 3-node setups, PostgreSQL, the relay processes and the load generator (one process holding all 2,000 client sockets) share them, so the nodes are not faster than one: the setup shows that cross-node delivery works and what it costs, not a scale-out speed-up.',
      'Setups run one after the other against fresh processes and a fresh database each (one PostgreSQL 15 cluster, fsync on, synchronous_commit on). Each node is a child process (tests/sync-server/helpers/relay-child.ts) with every limit at its default; clients connect from many loopback addresses (20 per address).',
      'With 2 nodes the k-th client of a room connects to node k mod 2, so each room of 4 clients has two members on each node and two of every three deliveries to other clients cross nodes; with 3 nodes, node k mod 3, five of every six. A cross-node delivery is: the sender\'s node commits (one statement), then NOTIFYs in a statement of its own, carrying the row when it fits 8,000 bytes (always, for these 64-byte updates), and the other node applies and broadcasts it without reading the store. Notifying after the commit rather than inside it keeps PostgreSQL\'s notify lock out of the flush (bench pg-commit-notify); on this machine\'s sub-millisecond flush the two ways are within the noise for 1-4 writers, and with a 2 ms flush notifying inside stays near 370 commits/s (see pg-commit-notify).',
      'Cross-node latency is measured like fan-out: the sender\'s marker time to the arrival at a client on another node, at 1,000 updates/s in total over all nodes. Same-node delivery in the same run is the sender\'s commit and broadcast alone, so the difference between the two is what crossing nodes adds (notification delivery and the other node\'s apply).',
      'PostgreSQL CPU sums the postmaster, its live processes (backends, WAL writer, checkpointer) and reaped children, from /proc. Commits per second sum the group commits of every node; appends requested while a node\'s commit is in flight are merged into its next one, so fewer, larger commits mean the commits are slow, not the load low.',
      ...reports.filter((r) => r.nodes.length > 1).map(whereTimeGoes),
      'Why the 25 ms cross-node target is still missed on this machine, from the runs\' own figures: crossing nodes costs little (the same-node and node 1 → node 2 medians of one run lie within about 1-2 ms of each other), so the tail is the commit and the scheduling, not the feed. A group commit waits for one WAL flush (pg_test_fsync gave 2.9 ms per fdatasync under load on 2026-12-07; bench pg-commit-notify, on a quiet machine the same day, commits alone in about 0.5 ms), and the commits slower than 25 ms (rows above) delay every update they carry; on 2 cores shared with PostgreSQL, the generator and other engineers\' suites, a process that is runnable but not running adds the rest (the 1-node SQLite row, which crosses nothing and waits for no network, shows the machine\'s own share in the same run). PostgreSQL tuning (commit_delay, wal_buffers) was not measured, so deploy/README.md gives no tuning advice.',
      'Side by side, 2 nodes on PostgreSQL, one run right after the other at a load average near 5: the code before these changes (six round trips per commit, a SELECT per notification per node) gave node 1 → node 2 p50/p99 4836/9694 ms, 317 commits/s at a mean of 2029 ms (every one over 25 ms), nodes 31 % + 33 %, PostgreSQL 52 %; the one-statement commit with rows carried by the notification gave 10.0/189 ms, 259 commits/s at 7.67 ms (183 of 5182 over 25 ms), nodes 24 % + 25 %, PostgreSQL 26 %; 0 lost in both.',
      'History of the PostgreSQL path: a group commit first took one query per document, then six round trips (BEGIN, lock, max, insert, notify, COMMIT; quiet machine: 1 node 332 commits/s at a mean of 72 ms, p99 476 ms; 3 nodes cross-node p99 7.4 s), now one statement; other nodes first read every notified row back with one SELECT per notification per node, now only when the notification could not carry it or a sequence number was skipped.',
    ],
  };
}
