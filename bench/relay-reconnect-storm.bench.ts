// Reconnect storm: 2,000 synced clients over 500 rooms; the relay is SIGKILLed and restarted on
// the same port and data dir, and every client reconnects at a random moment within 1 s. A
// client counts as synced when its sync step 2 holds every update its room-mates wrote.
import type { BenchResult } from './bench-result.ts';
import { loadAverage, loadNote } from './relay-load/machine-load.ts';
import { formatMs, percentile } from './measure.ts';
import { startLoadFixture } from './relay-load/relay-fixture.ts';
import type { WireClient } from './relay-load/wire-client.ts';

const CLIENTS = 2_000;
const ROOMS = 500;
const SPREAD_MS = 1_000;
const TARGET_MS = 5_000;
const LIMIT_MS = 60_000;

export default async function run(): Promise<BenchResult> {
  let storm = false;
  let stormStarted = 0;
  const step2Markers = new Map<number, number>();
  const syncedAt = new Map<number, number>();
  const fixture = await startLoadFixture({
    clients: CLIENTS,
    rooms: ROOMS,
    events: {
      onMarker(client, _marker, viaStep2) {
        if (storm && viaStep2) step2Markers.set(client.index, (step2Markers.get(client.index) ?? 0) + 1);
      },
      onSynced(client) {
        if (storm) syncedAt.set(client.index, performance.now() - stormStarted);
      },
    },
  });
  try {
    const { clients } = fixture;
    const roomSize = new Map<string, number>();
    for (const c of clients) roomSize.set(c.room, (roomSize.get(c.room) ?? 0) + 1);
    const wait = async (done: () => boolean) => {
      const deadline = performance.now() + LIMIT_MS;
      while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    };
    await wait(() => clients.every((c) => c.synced));
    for (const c of clients) c.write(performance.now());
    // Every write is durable once its sender hears the echo; give the relay a moment to finish.
    await new Promise((r) => setTimeout(r, 3_000));

    const loadBefore = loadAverage();
    await fixture.restart(true);
    storm = true;
    stormStarted = performance.now();
    const reconnects = clients.map(
      (c: WireClient) =>
        new Promise<void>((resolve) =>
          setTimeout(() => void c.connect().then(resolve, () => resolve()), Math.random() * SPREAD_MS),
        ),
    );
    await Promise.all(reconnects);
    const complete = (c: WireClient) => syncedAt.has(c.index) && (step2Markers.get(c.index) ?? 0) >= roomSize.get(c.room)! - 1;
    await wait(() => clients.every(complete));
    const times = clients.filter(complete).map((c) => syncedAt.get(c.index)!).sort((a, b) => a - b);
    const all = times.length === CLIENTS;
    const last = times.at(-1) ?? Number.NaN;
    return {
      name: 'relay-reconnect-storm',
      title: `Relay reconnect storm: ${CLIENTS} clients over ${ROOMS} rooms reconnect within 1 s of a restart`,
      rows: [
        { metric: 'clients fully synced', value: `${times.length} of ${CLIENTS}`, target: String(CLIENTS), ok: all },
        { metric: 'time from restart until the last client synced', value: formatMs(last), target: `< ${TARGET_MS / 1000} s`, ok: all && last < TARGET_MS },
        { metric: 'per-client time from restart to synced, p50', value: formatMs(percentile(times, 50)) },
        { metric: 'per-client time from restart to synced, p99', value: formatMs(percentile(times, 99)) },
      ],
      notes: [
        loadNote(loadBefore),
        'The relay (a child process, SQLite data dir reused) is SIGKILLed; the clock starts when the new process listens. Reconnects are spread uniformly over the first second, so the floor is ~1 s.',
        'Each room holds one update per member; synced means the client received sync step 2 with every room-mate update. 500 rooms load from SQLite during the storm.',
        'Per-IP connection limits are opened for the single generator address; clients are raw protocol clients (see relay-load).',
      ],
    };
  } finally {
    await fixture.dispose();
  }
}
