// Relay under load: 2,000 clients over 500 rooms at 1,000 updates/s for 20 s, write-through
// (SQLite WAL, the relay's default synchronous=NORMAL: committed before broadcast) on. Generator: bench/relay-load/.
import type { BenchResult } from './bench-result.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { formatBytes, formatMs } from './measure.ts';
import { sqliteSetup } from './relay-load/load-setups.ts';
import { runLoad } from './relay-load/run-load.ts';

const CLIENTS = Number(process.env.RELAY_LOAD_CLIENTS ?? 2_000);
const ROOMS = Number(process.env.RELAY_LOAD_ROOMS ?? 500);
const RATE = Number(process.env.RELAY_LOAD_RATE ?? 1_000);
const DURATION_MS = Number(process.env.RELAY_LOAD_SECONDS ?? 20) * 1000;
const P99_TARGET_MS = 25;
const RSS_TARGET = 300 * 1024 * 1024;

export default async function run(): Promise<BenchResult> {
  const loadBefore = loadAverage();
  const load = { clients: CLIENTS, rooms: ROOMS, updatesPerSecond: RATE, durationMs: DURATION_MS };
  const r = await runLoad({ ...load, setup: (rooms) => sqliteSetup(rooms, { overrides: { sqliteSynchronous: 'NORMAL' } }) });
  // The same load with synchronous=FULL (an fsync per group commit, which also survives power
  // loss), to show what that durability costs in latency.
  const full = await runLoad({ ...load, setup: (rooms) => sqliteSetup(rooms, { overrides: { sqliteSynchronous: 'FULL' } }) });
  return {
    name: 'relay-load',
    title: `Relay load: ${CLIENTS} clients, ${ROOMS} rooms, ${RATE} updates/s for ${DURATION_MS / 1000} s`,
    rows: [
      { metric: 'updates sent (achieved rate)', value: `${r.sent} (${r.achievedRate.toFixed(0)}/s)` },
      { metric: 'fan-out latency p50', value: formatMs(r.latencyMs.p50) },
      { metric: 'fan-out latency p99', value: formatMs(r.latencyMs.p99), target: `< ${P99_TARGET_MS} ms`, ok: r.latencyMs.p99 < P99_TARGET_MS },
      { metric: 'fan-out latency max', value: formatMs(r.latencyMs.max) },
      { metric: 'deliveries (to other clients + echo to sender)', value: `${r.deliveries} of ${r.expectedDeliveries}` },
      { metric: 'updates lost', value: String(r.lost), target: '0', ok: r.lost === 0 },
      { metric: 'relay peak RSS', value: formatBytes(r.nodes[0]!.peakRssBytes), target: '< 300 MiB', ok: r.nodes[0]!.peakRssBytes < RSS_TARGET },
      { metric: 'relay CPU (% of one core)', value: `${r.nodes[0]!.cpuPercent.toFixed(0)} %` },
      { metric: 'generator CPU (% of one core)', value: `${r.generatorCpuPercent.toFixed(0)} %` },
      { metric: 'group commits, mean time each (SQLite commit)', value: `${r.commits}, ${formatMs(r.meanCommitMs)}` },
      { metric: 'group commits slower than 10 ms / 25 ms', value: `${r.slowCommits.over10ms} / ${r.slowCommits.over25ms}` },
      { metric: 'connecting and syncing all clients', value: formatMs(r.connectMs) },
      { metric: 'synchronous=FULL: fan-out latency p50 / p99 / max', value: `${formatMs(full.latencyMs.p50)} / ${formatMs(full.latencyMs.p99)} / ${formatMs(full.latencyMs.max)}` },
      { metric: 'synchronous=FULL: lost, mean commit, commits slower than 10 ms / 25 ms', value: `${full.lost}, ${formatMs(full.meanCommitMs)}, ${full.slowCommits.over10ms} / ${full.slowCommits.over25ms}` },
    ],
    notes: [
        loadNote(loadBefore),
        'The tail depends on the machine: the load average note below says how busy it was. better-sqlite3 commits synchronously on the event loop, so a slow fsync would delay every message behind it: the slow-commit rows show whether that happened, and the FULL run (an fsync per commit) shows its cost.',
      'Relay: a child process (tests/sync-server/helpers/relay-child.ts: the CLI parts, real access gate and tokens), every limit at its default; clients connect from many loopback addresses (20 per address, bench/relay-load/loopback-addresses.ts), within the per-IP limits.',
      'Clients are raw ws sockets speaking the y-websocket protocol through sync-server/relay/protocol/messages.ts, one small Y.Doc each: 2,000 stock WebsocketProviders would swamp the generator on the same 2 cores.',
      'Latency: each update carries its send time; measured at every other client of the room when the broadcast arrives (same process, one clock). Senders also count their own echo for the lost figure.',
      'Generator and relay share the 2 cores (and other sessions ran on the machine at the same time), so latency includes generator scheduling delay.',
    ],
  };
}
