// The crash scenario across nodes: several relay processes share one PostgreSQL (--database-url,
// so accounts and tokens too) while stock y-websocket clients, spread over the nodes and each
// knowing every node's URL, edit one meeting with one account's token. A seeded random node is
// SIGKILLed at a random moment; once every socket it held is closed (so everything it sent has
// been read), each update any client received since the last check must already be in the
// database, since a node broadcasts only what is committed. Its clients must then sync on another
// node before it is restarted on the same port (the restart runs on while the next kill is
// prepared). Finally the clients and the stored document converge.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { CrashLedger, startEditing } from './crash-checks.ts';
import type { CrashReport } from './crash-scenario.ts';
import { failOver } from './failover.ts';
import { recordingClient, type RecordingClient } from './recording-client.ts';
import { createAccount } from './relay-account.ts';
import { spawnRelay, type Exit, type RelayProcess } from './relay-process.ts';
import { makeTempDir, waitFor } from './relay-harness.ts';
import { seededInts } from './seeded-ints.ts';
import { loadStoredDoc } from './stored-doc.ts';

export interface MultiNodeCrashOptions {
  readonly databaseUrl: string;
  readonly nodes: number;
  readonly clients: number;
  readonly kills: number;
  readonly seed: number;
  /** Longest time the nodes stay up between kills (the moment is random within it). */
  readonly maxUpMs: number;
  readonly editEveryMs: number;
}

export interface MultiNodeCrashReport extends Omit<CrashReport, 'iterations' | 'gracefulExitCode'> {
  /** Clients that were on a killed node and synced on another one before it came back. */
  readonly failovers: number;
  readonly gracefulExitCodes: readonly (number | null)[];
}

const CONVERGE_LIMIT_MS = 30_000;
const FAILOVER_LIMIT_MS = 15_000;
const STOP_LIMIT_MS = 15_000;

/** SIGTERM, and SIGKILL if the graceful stop hangs (reported as exit code null). */
async function stopWithin(node: RelayProcess, limitMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<Exit>((resolve) => {
    timer = setTimeout(() => void node.kill().then(() => resolve({ code: null, signal: 'SIGKILL' })), limitMs);
  });
  try {
    return await Promise.race([node.stop(), hung]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runMultiNodeCrash(options: MultiNodeCrashOptions): Promise<MultiNodeCrashReport> {
  const started = performance.now();
  // Kills and edits draw from separate sequences, so the victims and their moments replay
  // exactly from the seed however the edits interleave with them.
  const killRng = seededInts(options.seed);
  const editRng = seededInts(options.seed + 1);
  const docName = `meeting/${randomBytes(16).toString('hex')}`;
  const dataDirs = Array.from({ length: options.nodes }, () => makeTempDir());
  const store = await PostgresDocumentStore.open(options.databaseUrl, 1);
  const spawnNode = (index: number, port = 0) => {
    // The compiled CLI (npm run build): restarting it through tsx was most of the scenario's time.
    const starting = spawnRelay({ dataDir: dataDirs[index]!, port, compiled: true, args: ['--database-url', options.databaseUrl] });
    starting.catch(() => {}); // awaited later; a failed start must not end the process meanwhile
    return starting;
  };
  // A restart runs while the scenario goes on; the node is awaited when it is next needed.
  const nodes: Promise<RelayProcess>[] = [];
  const clients: RecordingClient[] = [];
  let failovers = 0;
  let editing: ReturnType<typeof startEditing> | null = null;
  const ledger = new CrashLedger(clients, () => loadStoredDoc(store, docName));

  try {
    for (let i = 0; i < options.nodes; i++) nodes.push(spawnNode(i));
    const running = await Promise.all(nodes);
    const urls = running.map((node) => node.url);
    const token = await (await createAccount(running[0]!.httpUrl)).tokenFor(docName);
    for (let i = 0; i < options.clients; i++) {
      const client = recordingClient(urls[i % urls.length]!, docName, token);
      failOver(client.provider, urls);
      clients.push(client);
    }
    editing = startEditing(clients, editRng, options.editEveryMs);

    for (let kill = 1; kill <= options.kills; kill++) {
      // Short waits hit loading and the first syncs; long ones hit steady editing.
      const upMs = killRng.pick([killRng.int(60), killRng.int(400), killRng.int(options.maxUpMs)]);
      const index = killRng.int(nodes.length);
      await new Promise((resolve) => setTimeout(resolve, upMs));
      const victim = await nodes[index]!;
      // Its clients need somewhere to go: at least one other node up.
      await Promise.race(nodes.filter((_, i) => i !== index));
      const onVictim = clients.filter((client) => client.openSockets(`${victim.url}/`) > 0);
      await ledger.kill(victim, kill, `kill ${kill}, node ${index}`, `${victim.url}/`);
      await waitFor(
        () => onVictim.every((c) => c.provider.synced && c.provider.serverUrl !== victim.url),
        `clients of node ${index} to sync on another node`,
        FAILOVER_LIMIT_MS,
      );
      failovers += onVictim.length;
      nodes[index] = spawnNode(index, victim.port);
    }
    await Promise.all(nodes);

    const stopAll = () => Promise.all(nodes.map(async (node) => stopWithin(await node, STOP_LIMIT_MS)));
    const { converged, divergence, stopped } = await ledger.finish(editing, stopAll, options.kills + 1, CONVERGE_LIMIT_MS);
    return {
      ...ledger.tally(editing.count()),
      clients: options.clients,
      converged,
      divergence,
      failovers,
      gracefulExitCodes: stopped.map((exit) => exit.code),
      storedRows: (await store.load(docName)).rowCount,
      durationMs: performance.now() - started,
    };
  } finally {
    editing?.stop();
    for (const client of clients) client.destroy();
    // Whatever is still running or starting (a failed run must leave no relay behind).
    await Promise.all(nodes.map((node) => node.then((n) => n.kill(), () => null)));
    await store.close();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
