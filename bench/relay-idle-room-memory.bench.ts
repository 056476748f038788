// Memory of a loaded, idle, small room: 1,000 rooms are loaded (each written once by a client
// that then leaves) and kept in memory by a long unload grace; the relay child's heap and RSS
// are read after full GCs (--expose-gc, over IPC) before and after, and divided by the count.
import type { BenchResult } from './bench-result.ts';
import { formatBytes } from './measure.ts';
import { childMemory } from '../tests/sync-server/helpers/relay-process.ts';
import { mapLimit, startLoadFixture } from './relay-load/relay-fixture.ts';
import { WireClient, type WireClientEvents } from './relay-load/wire-client.ts';

const ROOMS = 1_000;
const WRITES_PER_ROOM = 6;
const TARGET_BYTES = 100 * 1024;

async function metric(httpUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

export default async function run(): Promise<BenchResult> {
  const echoes = new Map<number, number>();
  const events: WireClientEvents = {
    onMarker(client, marker) {
      if (marker.s === client.index) echoes.set(client.index, (echoes.get(client.index) ?? 0) + 1);
    },
    onSynced() {},
  };
  const fixture = await startLoadFixture({
    clients: 0,
    rooms: ROOMS + 1,
    overrides: { roomUnloadGraceMs: 3_600_000 },
    nodeArgs: ['--expose-gc'],
    events,
  });
  try {
    const { relay, rooms, tokens } = fixture;
    const fill = async (index: number) => {
      const room = rooms[index]!;
      const client = new WireClient(index, relay.url, room, tokens.get(room)!, events);
      await client.connect();
      for (let i = 0; i < WRITES_PER_ROOM; i++) client.write(0);
      while ((echoes.get(index) ?? 0) < WRITES_PER_ROOM) await new Promise((r) => setTimeout(r, 5));
      client.close();
    };
    // One room first, so code paths are warm and lazily built state exists before the baseline.
    await fill(ROOMS);
    while ((await metric(relay.httpUrl, 'ltm_connections')) > 0) await new Promise((r) => setTimeout(r, 20));
    const before = await childMemory(relay);
    await mapLimit(Array.from({ length: ROOMS }, (_, i) => i), 32, fill);
    while ((await metric(relay.httpUrl, 'ltm_connections')) > 0) await new Promise((r) => setTimeout(r, 20));
    const loaded = await metric(relay.httpUrl, 'ltm_rooms');
    const after = await childMemory(relay);
    const heap = (after.heapUsed - before.heapUsed + after.external - before.external) / ROOMS;
    const rss = (after.rss - before.rss) / ROOMS;
    return {
      name: 'relay-idle-room-memory',
      title: `Relay memory of a loaded idle small room (${ROOMS} rooms)`,
      rows: [
        { metric: 'rooms loaded, no connections', value: String(loaded) },
        { metric: 'JS heap + external per room (after GC)', value: formatBytes(heap), target: '< 100 KiB', ok: heap < TARGET_BYTES },
        { metric: 'RSS per room', value: formatBytes(rss), target: '< 100 KiB', ok: rss < TARGET_BYTES },
        { metric: 'relay RSS with all rooms loaded', value: formatBytes(after.rss) },
      ],
      notes: [
        `Each room holds ${WRITES_PER_ROOM} small updates from one client (a few hundred bytes of Yjs state), written through the relay; the client then leaves and a one-hour unload grace keeps the room loaded.`,
        'Heap figures: relay child run with --expose-gc, three full GCs before each reading over IPC. RSS also counts SQLite page cache and allocator slack, so it is the looser bound.',
      ],
    };
  } finally {
    await fixture.dispose();
  }
}
