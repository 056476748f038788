// Durability should cost nothing: the same load against our relay on SQLite (write-through:
// every update committed before it is broadcast) and against @y/websocket-server 0.1.1, which
// keeps nothing, side by side in one run. Rounds alternate the two, so a change in the machine's
// load during the run falls on both; the CPU ratio is taken per round and over all rounds.
import type { BenchResult, BenchRow } from './bench-result.ts';
import { formatMs } from './measure.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { inMemorySetup, sqliteSetup } from './relay-load/load-setups.ts';
import { runLoad, type LoadReport } from './relay-load/run-load.ts';

const CLIENTS = Number(process.env.RELAY_LOAD_CLIENTS ?? 2_000);
const ROOMS = Number(process.env.RELAY_LOAD_ROOMS ?? 500);
const RATE = Number(process.env.RELAY_LOAD_RATE ?? 1_000);
const DURATION_MS = Number(process.env.RELAY_LOAD_SECONDS ?? 20) * 1000;
const ROUNDS = Number(process.env.RELAY_LOAD_ROUNDS ?? 3);
const CPU_RATIO_TARGET = 1.0;

// Per update sent: fair even when the generator, starved on a busy machine, falls short of the rate.
const cpuPerUpdate = (r: LoadReport) => r.serverCpuMsPerUpdate;
const userPerUpdate = (r: LoadReport) => r.serverUserCpuMsPerUpdate;
const sum = (reports: readonly LoadReport[], f: (r: LoadReport) => number) => reports.reduce((s, r) => s + f(r), 0);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

export default async function run(): Promise<BenchResult> {
  const loadBefore = loadAverage();
  const load = { clients: CLIENTS, rooms: ROOMS, updatesPerSecond: RATE, durationMs: DURATION_MS };
  const ours: LoadReport[] = [];
  const reference: LoadReport[] = [];
  const roundLoads: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating which goes first keeps a steady drift in machine load from favouring either.
    const pair = [() => runLoad({ ...load, setup: (rooms) => sqliteSetup(rooms) }), () => runLoad({ ...load, setup: (rooms) => inMemorySetup(rooms) })];
    if (round % 2 === 1) pair.reverse();
    const [a, b] = [await pair[0]!(), await pair[1]!()];
    ours.push(round % 2 === 1 ? b : a);
    reference.push(round % 2 === 1 ? a : b);
    roundLoads.push(loadAverage());
  }
  const ratios = ours.map((r, i) => cpuPerUpdate(r) / cpuPerUpdate(reference[i]!));
  const ratio = sum(ours, cpuPerUpdate) / sum(reference, cpuPerUpdate);
  const userRatio = sum(ours, userPerUpdate) / sum(reference, userPerUpdate);
  const p99 = (reports: LoadReport[]) => median(reports.map((r) => r.latencyMs.p99));
  const lost = sum(ours, (r) => r.lost);
  const perRound = (reports: LoadReport[], f: (r: LoadReport) => string) => reports.map(f).join(', ');
  const rows: BenchRow[] = [
    { metric: 'CPU per update, ratio relay / in-memory (all rounds)', value: `${ratio.toFixed(2)}×`, target: `≤ ${CPU_RATIO_TARGET.toFixed(1)}×`, ok: ratio <= CPU_RATIO_TARGET },
    { metric: 'CPU per update, ratio per round', value: ratios.map((x) => `${x.toFixed(2)}×`).join(', ') },
    { metric: 'user CPU per update (without the kernel\'s share of sends), ratio', value: `${userRatio.toFixed(2)}×` },
    { metric: 'relay (SQLite): CPU % of one core; ms per update (per round)', value: perRound(ours, (r) => `${r.serverCpuPercent.toFixed(0)} %; ${r.serverCpuMsPerUpdate.toFixed(3)} ms`) },
    { metric: 'in-memory: CPU % of one core; ms per update (per round)', value: perRound(reference, (r) => `${r.serverCpuPercent.toFixed(0)} %; ${r.serverCpuMsPerUpdate.toFixed(3)} ms`) },
    { metric: 'updates sent per round, relay / in-memory', value: `${perRound(ours, (r) => String(r.sent))} / ${perRound(reference, (r) => String(r.sent))}` },
    { metric: 'fan-out p99, relay (median of rounds; per round)', value: `${formatMs(p99(ours))} (${perRound(ours, (r) => formatMs(r.latencyMs.p99))})`, target: '≤ in-memory', ok: p99(ours) <= p99(reference) },
    { metric: 'fan-out p99, in-memory (median of rounds; per round)', value: `${formatMs(p99(reference))} (${perRound(reference, (r) => formatMs(r.latencyMs.p99))})` },
    { metric: 'fan-out p50, relay / in-memory (per round)', value: `${perRound(ours, (r) => formatMs(r.latencyMs.p50))} / ${perRound(reference, (r) => formatMs(r.latencyMs.p50))}` },
    { metric: 'lost, relay', value: String(lost), target: '0', ok: lost === 0 },
    { metric: 'lost, in-memory', value: String(sum(reference, (r) => r.lost)) },
    { metric: 'relay group commits per second (mean commit)', value: perRound(ours, (r) => `${r.commitsPerSecond.toFixed(0)} (${formatMs(r.meanCommitMs)})`) },
    { metric: 'machine load average (1 min, 2 cores) after each round', value: roundLoads.map((x) => x.toFixed(1)).join(', ') },
    { metric: 'generator CPU, relay / in-memory runs', value: `${perRound(ours, (r) => `${r.generatorCpuPercent.toFixed(0)} %`)} / ${perRound(reference, (r) => `${r.generatorCpuPercent.toFixed(0)} %`)}` },
  ];
  return {
    name: 'relay-vs-memory',
    title: `Relay on SQLite vs in-memory @y/websocket-server 0.1.1: ${CLIENTS} clients, ${ROOMS} rooms, ${RATE} updates/s (64-byte updates), ${ROUNDS} rounds of ${DURATION_MS / 1000} s each`,
    rows,
    notes: [
      loadNote(loadBefore),
      'The ratios matter most: both servers ran in the same run, alternating, under the same machine load; the absolute CPU and latency figures move with what else ran on the 2 cores.',
      'Both servers are child processes measured from /proc (user + system CPU over the sending and draining time, divided by the updates sent: a generator starved by other work sends fewer). On loopback the kernel\'s share of each send (TCP delivery to the receiving socket) is counted in the sender\'s system time and is the same for both servers, so the user-CPU ratio shows the servers\' own work. Same generator, same clients (raw y-websocket protocol clients, one small Y.Doc each, 20 per loopback address), same rooms; each update carries one marker of about 64 bytes.',
      'Our relay: SQLite WAL, synchronous=NORMAL, every limit at its default, real access tokens, every update validated, committed (group commit) and only then broadcast. @y/websocket-server: no store, no access checks, no limits, broadcasts on apply.',
      'Profile of the relay under this load (bench/relay-load/profile-relay.ts: node --cpu-prof, self time from the moment sending starts, 15 s, before the cuts): the sends\' writev syscalls 32 % of busy time (the kernel delivers loopback TCP inside the sender\'s call; the in-memory server pays the same per send), SQLite commits 8 % plus their statements 3 %, GC 7 %, Yjs and lib0 (decode, apply, re-encode) about 8 %, prom-client 1 %, the room code about 3 %.',
      'Cut: per-message and per-send counters became plain tallies folded into prom-client at scrape time. Cut: a validated incremental update whose structs are all new is stored and broadcast as sent, and the room doc has no update listener, so Yjs no longer re-encodes every transaction (82 → 63 µs per update applied in process). Tried and not kept: one pre-built websocket frame per broadcast written raw to each socket; no gain showed through the machine\'s noise and it needs a private ws field.',
      'Cut (2026-12-07): SQLite checkpoints the WAL in a worker thread (wal-checkpointer.ts; 10,000 pages is the mark the relay\'s connection falls back to, instead of SQLite\'s 1,000: each group commit dirties about 12 pages, so the default checkpointed, with two fsyncs on the event loop, under every second), and the store remembers each document\'s last seq (one statement per update instead of two). The attribution of the remaining gap, part by part, is in the section after this one.',
      'Weighed and not done: rooms without a live Y.Doc (stored updates merged with Y.mergeUpdates, as y-redis does). The relay must refuse an update whose dependencies it lacks and never store pending structs; that check needs the document\'s state, and merging per update re-encodes the room\'s whole log, which costs more than integrating a 64-byte update into a small doc.',
      'Before the cuts, a shorter run of this bench (2 rounds of 15 s, load average 14 to 22, CPU % rather than per update) gave 1.23× (1.08×, 1.40×); the round-to-round spread on this machine is larger than what the cuts saved, so the target is not shown to be met.',
    ],
  };
}
