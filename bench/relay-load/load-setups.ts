// The servers a load run is measured against, each as child processes so their CPU is measured
// apart from the generator: one relay on SQLite, one or more relays on one PostgreSQL (documents
// in the database, update feed by LISTEN/NOTIFY), or the in-memory @y/websocket-server.
// Tokens come from one real account. Relays on PostgreSQL run as a deployment does (--database-url:
// documents, accounts and the signing secret in the database), so a token works on every node.
import fs from 'node:fs';
import path from 'node:path';
import type { RelayConfig } from '../../sync-server/config.ts';
import type { PostgresCluster } from '../../tests/helpers/postgres-cluster.ts';
import { createAccount } from '../../tests/sync-server/helpers/relay-account.ts';
import { makeTempDir } from '../../tests/sync-server/helpers/relay-harness.ts';
import { spawnListening, spawnRelay, type RelayProcess } from '../../tests/sync-server/helpers/relay-process.ts';
import { postgresCpuSeconds } from './postgres-cpu.ts';
import { mapLimit } from './relay-fixture.ts';

export interface LoadSetup {
  readonly label: string;
  readonly nodes: readonly RelayProcess[];
  readonly tokens: ReadonlyMap<string, string>;
  /** Whether the nodes serve the relay's /metrics (commit counts). */
  readonly hasMetrics: boolean;
  /** CPU seconds of the database server so far, when there is one apart from the nodes. */
  readonly databaseCpuSeconds?: () => number;
  dispose(): Promise<void>;
}

export interface RelaySetupOptions {
  readonly overrides?: Partial<RelayConfig>;
  readonly nodeArgs?: readonly string[];
}

const REPO = path.resolve(import.meta.dirname, '../..');

async function issueTokens(relay: RelayProcess, rooms: readonly string[]): Promise<Map<string, string>> {
  const account = await createAccount(relay.httpUrl);
  const tokens = new Map<string, string>();
  await mapLimit(rooms, 8, async (room) => void tokens.set(room, await account.tokenFor(room)));
  return tokens;
}

function spawnNode(dataDir: string, options: RelaySetupOptions, databaseUrl?: string): Promise<RelayProcess> {
  return spawnRelay({
    dataDir,
    overrides: { ...options.overrides, ...(databaseUrl ? { databaseUrl } : {}) },
    logLevel: 'warn',
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
}

function disposer(nodes: readonly RelayProcess[], dirs: readonly string[]): () => Promise<void> {
  return async () => {
    // SIGTERM: a graceful stop writes the --cpu-prof profile of a profiled run.
    await Promise.all(nodes.map((node) => node.stop()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  };
}

export async function sqliteSetup(rooms: readonly string[], options: RelaySetupOptions = {}): Promise<LoadSetup> {
  const dataDir = makeTempDir();
  const node = await spawnNode(dataDir, options);
  const tokens = await issueTokens(node, rooms);
  return { label: '1 node, SQLite', nodes: [node], tokens, hasMetrics: true, dispose: disposer([node], [dataDir]) };
}

export async function postgresSetup(rooms: readonly string[], cluster: PostgresCluster, count: number, options: RelaySetupOptions = {}): Promise<LoadSetup> {
  const url = await cluster.createDatabase(`load_${Date.now()}_${count}`);
  const dirs = Array.from({ length: count }, () => makeTempDir());
  const nodes = await Promise.all(dirs.map((dir) => spawnNode(dir, options, url)));
  const tokens = await issueTokens(nodes[0]!, rooms);
  return {
    label: `${count} node${count > 1 ? 's' : ''}, PostgreSQL`,
    nodes,
    tokens,
    hasMetrics: true,
    databaseCpuSeconds: () => postgresCpuSeconds(cluster.port),
    dispose: disposer(nodes, dirs),
  };
}

/** @y/websocket-server checks no token; the rooms get a placeholder so URLs look alike. */
export async function inMemorySetup(rooms: readonly string[]): Promise<LoadSetup> {
  const node = await spawnListening(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/relay-load/in-memory-server.ts')], { cwd: REPO });
  const tokens = new Map(rooms.map((room) => [room, 'none']));
  return { label: '@y/websocket-server 0.1.1 (in memory)', nodes: [node], tokens, hasMetrics: false, dispose: disposer([node], []) };
}
