// The load generator: N wire clients over R rooms, U updates/s in total for a duration, against
// a setup of one or more server processes (load-setups.ts). A room's clients are spread over the
// nodes in turn, so with several nodes most deliveries cross nodes. Measures fan-out latency
// from sender to every other client of the room (marker send time vs receive time, one clock:
// one process), split by whether sender and receiver sit on different nodes; updates lost (every
// client must receive every update of its room, its own echo included); each node's RSS and CPU
// and the database's CPU from /proc; the generator's own CPU; commits from the nodes' /metrics.
import { randomBytes } from 'node:crypto';
import { percentile } from '../measure.ts';
import type { LoadSetup } from './load-setups.ts';
import { loopbackAddress } from './loopback-addresses.ts';
import { ownCpuSeconds, procStats } from './proc-stats.ts';
import { mapLimit } from './relay-fixture.ts';
import { WireClient, type Marker } from './wire-client.ts';

export interface LoadOptions {
  readonly clients: number;
  readonly rooms: number;
  readonly updatesPerSecond: number;
  readonly durationMs: number;
  readonly setup: (rooms: readonly string[]) => Promise<LoadSetup>;
  /** Called when every client is synced and sending starts (a profile reads from here on). */
  readonly onSending?: () => void;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
}

export interface NodeReport {
  readonly peakRssBytes: number;
  readonly cpuPercent: number;
  /** User time only (% of one core): the node's own work, without the kernel's part in sending. */
  readonly userCpuPercent: number;
}

export interface LoadReport {
  readonly label: string;
  readonly sent: number;
  readonly deliveries: number;
  readonly expectedDeliveries: number;
  readonly lost: number;
  readonly latencyMs: Latency;
  /** Sender and receiver on different nodes (empty with one node). */
  readonly crossNodeMs: Latency;
  /** Sender and receiver on one node, in a run with several: the part of crossNodeMs that is not
   *  the notification and the other node's catch-up. */
  readonly sameNodeMs: Latency;
  /** Sender on the first node, receiver on the second. */
  readonly firstToSecondMs: Latency;
  readonly achievedRate: number;
  readonly nodes: readonly NodeReport[];
  /** Sum over the nodes (% of one core). */
  readonly serverCpuPercent: number;
  /** CPU time of all nodes per update sent: fair between runs even when the generator, starved
   *  on a busy machine, falls short of the rate. */
  readonly serverCpuMsPerUpdate: number;
  readonly serverUserCpuMsPerUpdate: number;
  readonly databaseCpuPercent: number | null;
  readonly generatorCpuPercent: number;
  readonly connectMs: number;
  /** Mean time of one group commit, over every node (from /metrics); NaN without metrics. */
  readonly meanCommitMs: number;
  readonly commits: number;
  readonly commitsPerSecond: number;
  /** Group commits slower than 10 ms and 25 ms (histogram buckets): fsync stalls block the loop. */
  readonly slowCommits: { readonly over10ms: number; readonly over25ms: number };
}

const TICK_MS = 10;
const SAMPLE_MS = 250;
const DRAIN_LIMIT_MS = 15_000;
const CONNECT_CONCURRENCY = 64;

function summarise(samples: number[]): Latency {
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? Number.NaN, count: samples.length };
}

async function commitMetrics(setup: LoadSetup): Promise<{ count: number; sum: number; within10ms: number; within25ms: number }> {
  const total = { count: 0, sum: 0, within10ms: 0, within25ms: 0 };
  if (!setup.hasMetrics) return { count: Number.NaN, sum: Number.NaN, within10ms: Number.NaN, within25ms: Number.NaN };
  for (const node of setup.nodes) {
    const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    total.count += metric('ltm_commit_latency_seconds_count');
    total.sum += metric('ltm_commit_latency_seconds_sum');
    total.within10ms += metric('ltm_commit_latency_seconds_bucket\\{le="0.01"\\}');
    total.within25ms += metric('ltm_commit_latency_seconds_bucket\\{le="0.025"\\}');
  }
  return total;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const rooms = Array.from({ length: options.rooms }, () => `meeting/${randomBytes(16).toString('hex')}`);
  const setup = await options.setup(rooms);
  const nodeCount = setup.nodes.length;
  // Client i joins room i mod R; the k-th client of a room goes to node k mod nodes.
  const nodeOf = (index: number) => Math.floor(index / options.rooms) % nodeCount;
  const all: number[] = [];
  const cross: number[] = [];
  const same: number[] = [];
  const firstToSecond: number[] = [];
  const received = new Map<number, Set<number>>();
  let deliveries = 0;
  let measuring = false;
  const key = (m: Marker) => m.s * 1_000_000 + m.n;
  const events = {
    onMarker(client: WireClient, marker: Marker, viaStep2: boolean) {
      if (viaStep2 || !measuring) return;
      const now = performance.now();
      let seen = received.get(client.index);
      if (!seen) received.set(client.index, (seen = new Set()));
      if (seen.has(key(marker))) return;
      seen.add(key(marker));
      deliveries++;
      if (marker.s === client.index) return;
      const latency = now - marker.t;
      all.push(latency);
      const from = nodeOf(marker.s);
      const to = nodeOf(client.index);
      (from !== to ? cross : same).push(latency);
      if (from === 0 && to === 1) firstToSecond.push(latency);
    },
    onSynced() {},
  };
  const connectStarted = performance.now();
  const clients = Array.from({ length: options.clients }, (_, i) => {
    const room = rooms[i % rooms.length]!;
    return new WireClient(i, setup.nodes[nodeOf(i)]!.url, room, setup.tokens.get(room)!, events);
  });
  try {
    await mapLimit(clients, CONNECT_CONCURRENCY, (client) => client.connect(loopbackAddress(client.index)));
    const deadline = performance.now() + 60_000;
    while (!clients.every((c) => c.synced) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const connectMs = performance.now() - connectStarted;

    const pids = setup.nodes.map((node) => node.pid);
    const peakRss = pids.map(() => 0);
    const sampler = setInterval(() => {
      pids.forEach((pid, i) => (peakRss[i] = Math.max(peakRss[i]!, procStats(pid).rssBytes)));
    }, SAMPLE_MS);
    const cpu0 = pids.map((pid) => procStats(pid));
    const db0 = setup.databaseCpuSeconds?.() ?? 0;
    const commits0 = await commitMetrics(setup);
    const ownCpu0 = ownCpuSeconds();
    measuring = true;
    options.onSending?.();
    const started = performance.now();
    let sent = 0;
    let cursor = 0;
    const order = clients.map((c) => c.index).sort(() => Math.random() - 0.5);
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = performance.now() - started;
        if (elapsed >= options.durationMs) {
          clearInterval(tick);
          resolve();
          return;
        }
        const due = Math.floor((elapsed / 1000) * options.updatesPerSecond) - sent;
        for (let i = 0; i < due; i++) {
          const client = clients[order[cursor++ % order.length]!]!;
          if (client.write(performance.now())) sent++;
        }
      }, TICK_MS);
    });
    const sendSeconds = (performance.now() - started) / 1000;
    const sentInRoom = new Map<string, number>();
    for (const c of clients) sentInRoom.set(c.room, (sentInRoom.get(c.room) ?? 0) + c.sent);
    const expectedDeliveries = clients.reduce((sum, c) => sum + sentInRoom.get(c.room)!, 0);
    const drainDeadline = performance.now() + DRAIN_LIMIT_MS;
    while (deliveries < expectedDeliveries && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const nodes = pids.map((pid, i) => {
      const end = procStats(pid);
      const percent = (seconds: number) => (seconds / wall) * 100;
      return { peakRssBytes: peakRss[i]!, cpuPercent: percent(end.cpuSeconds - cpu0[i]!.cpuSeconds), userCpuPercent: percent(end.userSeconds - cpu0[i]!.userSeconds) };
    });
    const perUpdateMs = (percent: number) => ((percent / 100) * wall * 1000) / sent;
    const databaseCpuPercent = setup.databaseCpuSeconds ? ((setup.databaseCpuSeconds() - db0) / wall) * 100 : null;
    const ownCpu = ownCpuSeconds() - ownCpu0;
    const commitsEnd = await commitMetrics(setup);
    const commits = commitsEnd.count - commits0.count;
    return {
      label: setup.label,
      meanCommitMs: ((commitsEnd.sum - commits0.sum) / commits) * 1000,
      commits,
      commitsPerSecond: commits / wall,
      slowCommits: { over10ms: commits - (commitsEnd.within10ms - commits0.within10ms), over25ms: commits - (commitsEnd.within25ms - commits0.within25ms) },
      sent,
      deliveries,
      expectedDeliveries,
      lost: expectedDeliveries - deliveries,
      latencyMs: summarise(all),
      crossNodeMs: summarise(cross),
      sameNodeMs: summarise(same),
      firstToSecondMs: summarise(firstToSecond),
      achievedRate: sent / sendSeconds,
      nodes,
      serverCpuPercent: nodes.reduce((sum, n) => sum + n.cpuPercent, 0),
      serverCpuMsPerUpdate: perUpdateMs(nodes.reduce((sum, n) => sum + n.cpuPercent, 0)),
      serverUserCpuMsPerUpdate: perUpdateMs(nodes.reduce((sum, n) => sum + n.userCpuPercent, 0)),
      databaseCpuPercent,
      generatorCpuPercent: (ownCpu / wall) * 100,
      connectMs,
    };
  } finally {
    for (const client of clients) client.close();
    await setup.dispose();
  }
}
