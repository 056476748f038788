// The load generator: N wire clients over R rooms, U updates/s in total for a duration, against
// the relay as a child process. Measures fan-out latency from sender to every other client of
// the room (marker send time vs receive time, one clock: one process), updates lost (every client
// must receive every update of its room, its own echo included), the relay's RSS and CPU from
// /proc, and the generator's own CPU.
import type { RelayConfig } from '../../sync-server/config.ts';
import { percentile } from '../measure.ts';
import { ownCpuSeconds, procStats } from './proc-stats.ts';
import { startLoadFixture, type LoadFixture } from './relay-fixture.ts';
import type { Marker, WireClient } from './wire-client.ts';

export interface LoadOptions {
  readonly clients: number;
  readonly rooms: number;
  readonly updatesPerSecond: number;
  readonly durationMs: number;
  readonly overrides?: Partial<RelayConfig>;
}

export interface LoadReport {
  readonly sent: number;
  readonly deliveries: number;
  readonly expectedDeliveries: number;
  readonly lost: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly count: number };
  readonly achievedRate: number;
  readonly relayPeakRssBytes: number;
  readonly relayCpuPercent: number;
  readonly generatorCpuPercent: number;
  readonly connectMs: number;
  /** Mean time of one group commit (one SQLite transaction; with FULL, also its fsync), from the relay's /metrics. */
  readonly meanCommitMs: number;
  readonly commits: number;
  /** Group commits slower than 10 ms and 25 ms (histogram buckets): fsync stalls block the loop. */
  readonly slowCommits: { readonly over10ms: number; readonly over25ms: number };
}

const TICK_MS = 10;
const SAMPLE_MS = 250;
const DRAIN_LIMIT_MS = 15_000;

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const latencies: number[] = [];
  // received[client] = set of "sender:seq" keys it has seen by broadcast.
  const received = new Map<number, Set<number>>();
  let deliveries = 0;
  let measuring = false;
  const key = (m: Marker) => m.s * 1_000_000 + m.n;
  const connectStarted = performance.now();
  const fixture: LoadFixture = await startLoadFixture({
    clients: options.clients,
    rooms: options.rooms,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    events: {
      onMarker(client, marker, viaStep2) {
        if (viaStep2 || !measuring) return;
        const now = performance.now();
        let seen = received.get(client.index);
        if (!seen) received.set(client.index, (seen = new Set()));
        if (seen.has(key(marker))) return;
        seen.add(key(marker));
        deliveries++;
        if (marker.s !== client.index) latencies.push(now - marker.t);
      },
      onSynced() {},
    },
  });
  try {
    const { clients } = fixture;
    const deadline = performance.now() + 60_000;
    while (!clients.every((c) => c.synced) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const connectMs = performance.now() - connectStarted;
    const byRoom = new Map<string, WireClient[]>();
    for (const c of clients) byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), c]);

    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, procStats(fixture.relay.pid).rssBytes);
    }, SAMPLE_MS);
    const relayCpu0 = procStats(fixture.relay.pid).cpuSeconds;
    const ownCpu0 = ownCpuSeconds();
    measuring = true;
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
    const expectedDeliveries = clients.reduce((sum, c) => sum + (byRoom.get(c.room) ?? []).reduce((n, peer) => n + peer.sent, 0), 0);
    const drainDeadline = performance.now() + DRAIN_LIMIT_MS;
    while (deliveries < expectedDeliveries && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const relayCpu = procStats(fixture.relay.pid).cpuSeconds - relayCpu0;
    const ownCpu = ownCpuSeconds() - ownCpu0;
    latencies.sort((a, b) => a - b);
    const metrics = await (await fetch(`${fixture.relay.httpUrl}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
    const commits = metric('ltm_commit_latency_seconds_count');
    const within = (le: string) => metric(`ltm_commit_latency_seconds_bucket\\{le="${le}"\\}`);
    return {
      meanCommitMs: (metric('ltm_commit_latency_seconds_sum') / commits) * 1000,
      commits,
      slowCommits: { over10ms: commits - within('0.01'), over25ms: commits - within('0.025') },
      sent,
      deliveries,
      expectedDeliveries,
      lost: expectedDeliveries - deliveries,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN, count: latencies.length },
      achievedRate: sent / sendSeconds,
      relayPeakRssBytes: peakRss,
      relayCpuPercent: (relayCpu / wall) * 100,
      generatorCpuPercent: (ownCpu / wall) * 100,
      connectMs,
    };
  } finally {
    await fixture.dispose();
  }
}
