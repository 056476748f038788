// The crash scenario across nodes: several relay processes share one PostgreSQL while stock
// y-websocket clients, spread over the nodes and each knowing every node's URL, edit one
// meeting. A seeded random node is SIGKILLed at a random moment; once every socket it held is
// closed (so everything it sent has been read), each update any client received since the last
// check must already be in the database, since a node broadcasts only what is committed. Its
// clients must then sync on another node before it is restarted on the same port. Finally the
// clients and the stored document converge.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { countCodes, countMissing, describe, edit, sameState } from './crash-checks.ts';
import type { CrashReport, LostUpdate } from './crash-scenario.ts';
import { failOver } from './failover.ts';
import { recordingClient, type RecordingClient } from './recording-client.ts';
import { spawnRelay, type RelayProcess } from './relay-process.ts';
import { makeTempDir, waitFor } from './relay-harness.ts';
import { seededInts } from './seeded-ints.ts';
import { TokenRoleGate } from './token-role-gate.ts';

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
const SOCKETS_CLOSED_LIMIT_MS = 10_000;
const FAILOVER_LIMIT_MS = 15_000;

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
    const starting = spawnRelay({ dataDir: dataDirs[index]!, port, logLevel: 'warn', overrides: {}, parts: { postgresUrl: options.databaseUrl, postgresPoolSize: 4, testGate: true } });
    starting.catch(() => {}); // awaited later; a failed start must not end the process meanwhile
    return starting;
  };
  // A restart runs while the scenario goes on; the node is awaited when it is next needed.
  const nodes: Promise<RelayProcess>[] = [];
  const clients: RecordingClient[] = [];
  const lost: LostUpdate[] = [];
  const unexpectedExits: string[] = [];
  let edits = 0;
  let updatesChecked = 0;
  let failovers = 0;
  let editing: NodeJS.Timeout | null = null;

  const storedDoc = async () => {
    const doc = new Y.Doc();
    for (const update of (await store.load(docName)).updates) Y.applyUpdate(doc, update);
    return doc;
  };
  // Received first, stored second: whatever a node sent before the splice was committed before.
  const checkReceived = async (iteration: number) => {
    const received = clients.map((client) => client.received.splice(0));
    const stored = await storedDoc();
    received.forEach((updates, index) => {
      updatesChecked += updates.length;
      const missing = countMissing(stored, updates);
      for (let i = 0; i < missing; i++) lost.push({ iteration, client: index });
    });
    stored.destroy();
  };

  try {
    for (let i = 0; i < options.nodes; i++) nodes.push(spawnNode(i));
    const urls = (await Promise.all(nodes)).map((node) => node.url);
    const token = TokenRoleGate.token('edit', docName);
    for (let i = 0; i < options.clients; i++) {
      const client = recordingClient(urls[i % urls.length]!, docName, token);
      failOver(client.provider, urls);
      clients.push(client);
    }
    editing = setInterval(() => {
      const index = editRng.int(clients.length);
      const client = clients[index]!;
      client.doc.transact(() => edit(client.doc, editRng, index));
      edits++;
    }, options.editEveryMs);

    for (let kill = 1; kill <= options.kills; kill++) {
      // Short waits hit loading and the first syncs; long ones hit steady editing.
      const upMs = killRng.pick([killRng.int(60), killRng.int(400), killRng.int(options.maxUpMs)]);
      const index = killRng.int(nodes.length);
      await new Promise((resolve) => setTimeout(resolve, upMs));
      const victim = await nodes[index]!;
      // Its clients need somewhere to go: at least one other node up.
      await Promise.race(nodes.filter((_, i) => i !== index));
      const onVictim = clients.filter((client) => client.openSockets(`${victim.url}/`) > 0);
      const exit = await victim.kill();
      if (exit.signal !== 'SIGKILL') unexpectedExits.push(`kill ${kill}, node ${index}: ${exit.code ?? exit.signal}`);
      await waitFor(() => clients.every((c) => c.openSockets(`${victim.url}/`) === 0), 'sockets of the killed node to close', SOCKETS_CLOSED_LIMIT_MS);
      await checkReceived(kill);
      await waitFor(
        () => onVictim.every((c) => c.provider.synced && c.provider.serverUrl !== victim.url),
        `clients of node ${index} to sync on another node`,
        FAILOVER_LIMIT_MS,
      );
      failovers += onVictim.length;
      nodes[index] = spawnNode(index, victim.port);
    }
    await Promise.all(nodes);

    clearInterval(editing);
    editing = null;
    let converged = true;
    let divergence: string[] = [];
    try {
      await waitFor(
        async () => {
          if (!clients.every((c) => c.provider.synced)) return false;
          const stored = await storedDoc();
          const same = clients.every((c) => sameState(c.doc, stored));
          stored.destroy();
          return same;
        },
        'clients and store to converge',
        CONVERGE_LIMIT_MS,
      );
    } catch {
      converged = false;
      const stored = await storedDoc();
      divergence = [stored, ...clients.map((c) => c.doc)].map((d, i) => describe(d, i === 0 ? 'store' : `client ${i - 1} synced=${clients[i - 1]!.provider.synced}`));
      stored.destroy();
    }
    const exits = await Promise.all(nodes.map(async (node) => (await node).stop()));
    await waitFor(() => clients.every((c) => c.openSockets() === 0), 'client sockets to close', SOCKETS_CLOSED_LIMIT_MS);
    await checkReceived(options.kills + 1);
    return {
      clients: options.clients,
      edits,
      updatesChecked,
      lost,
      unexpectedExits,
      converged,
      divergence,
      failovers,
      gracefulExitCodes: exits.map((exit) => exit.code),
      storedRows: (await store.load(docName)).rowCount,
      durationMs: performance.now() - started,
      clientCloses: countCodes(clients.flatMap((c) => c.closeCodes)),
    };
  } finally {
    if (editing) clearInterval(editing);
    for (const client of clients) client.destroy();
    // Whatever is still running or starting (a failed run must leave no relay behind).
    await Promise.all(nodes.map((node) => node.then((n) => n.kill(), () => null)));
    await store.close();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
