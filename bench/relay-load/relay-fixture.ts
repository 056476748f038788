// The relay child and the clients of a load run: spawns the relay (relay-child.ts with limits
// opened for one generator address), makes one account with a token per room, and connects
// wire clients round-robin over the rooms with bounded concurrency.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { RelayConfig } from '../../sync-server/config.ts';
import { createAccount } from '../../tests/sync-server/helpers/relay-account.ts';
import { makeTempDir } from '../../tests/sync-server/helpers/relay-harness.ts';
import { spawnRelay, type RelayProcess } from '../../tests/sync-server/helpers/relay-process.ts';
import { WireClient, type WireClientEvents } from './wire-client.ts';

/**
 * The generator is one process on one address: per-IP connection limits would refuse it, so they
 * are opened (as an operator would for a trusted load balancer); per-connection limits stay.
 */
export const LOAD_OVERRIDES: Partial<RelayConfig> = {
  connectionsPerSecondPerIp: 1e9,
  connectionBurstPerIp: 1e9,
  maxSocketsPerIp: 1e9,
  maxConnectionsPerIp: 1e9,
};

const CONNECT_CONCURRENCY = 64;

export interface LoadFixture {
  readonly dataDir: string;
  relay: RelayProcess;
  readonly rooms: readonly string[];
  readonly tokens: ReadonlyMap<string, string>;
  readonly clients: readonly WireClient[];
  restart(kill: boolean, extraNodeArgs?: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function startLoadFixture(options: {
  readonly clients: number;
  readonly rooms: number;
  readonly events: WireClientEvents;
  readonly overrides?: Partial<RelayConfig>;
  readonly nodeArgs?: readonly string[];
}): Promise<LoadFixture> {
  const dataDir = makeTempDir();
  const overrides = { ...LOAD_OVERRIDES, ...options.overrides };
  let relay = await spawnRelay({ dataDir, overrides, logLevel: 'warn', ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  const account = await createAccount(relay.httpUrl);
  const rooms = Array.from({ length: options.rooms }, () => `meeting/${randomBytes(16).toString('hex')}`);
  const tokens = new Map<string, string>();
  await mapLimit(rooms, 8, async (room) => void tokens.set(room, await account.tokenFor(room)));
  const clients = Array.from({ length: options.clients }, (_, i) => {
    const room = rooms[i % rooms.length]!;
    return new WireClient(i, relay.url, room, tokens.get(room)!, options.events);
  });
  await mapLimit(clients, CONNECT_CONCURRENCY, (client) => client.connect());
  const fixture: LoadFixture = {
    dataDir,
    get relay() {
      return relay;
    },
    set relay(value) {
      relay = value;
    },
    rooms,
    tokens,
    clients,
    async restart(kill, extraNodeArgs) {
      await (kill ? relay.kill() : relay.stop());
      relay = await spawnRelay({ dataDir, port: relay.port, overrides, logLevel: 'warn', ...(extraNodeArgs ? { nodeArgs: extraNodeArgs } : {}) });
    },
    async dispose() {
      for (const client of clients) client.close();
      await relay.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}
