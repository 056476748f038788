// The crash scenario shared by the crash test and the soak benchmark: the relay CLI runs as a
// child process while stock y-websocket clients edit one meeting concurrently; it is SIGKILLed
// and restarted on the same port and data dir at random moments. After every kill (relay dead,
// every client socket closed) each update a client received from the relay since the last check
// must already be integrated in the stored rows: the relay only broadcasts committed updates.
// Checking after each kill matters: at the end the clients would have resent anything lost.
// Finally all clients and the store must converge on one state.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { awaitConvergence, checkReceived, countCodes, startEditing, type LostUpdate } from './crash-checks.ts';
import { docFromRows, storedRows } from './frames.ts';
import { recordingClient, type RecordingClient } from './recording-client.ts';
import { createAccount } from './relay-account.ts';
import { spawnRelay, type RelayProcess } from './relay-process.ts';
import { makeTempDir, waitFor } from './relay-harness.ts';
import { seededInts } from './seeded-ints.ts';

export interface CrashScenarioOptions {
  readonly iterations: number;
  readonly clients: number;
  readonly seed: number;
  /** Longest time the relay stays up between kills (the moment is random within it). */
  readonly maxUpMs: number;
  readonly editEveryMs: number;
  readonly progress?: (iteration: number) => void;
}

export interface CrashReport {
  readonly iterations: number;
  readonly clients: number;
  readonly edits: number;
  readonly updatesChecked: number;
  readonly lost: readonly LostUpdate[];
  /** Exits we did not cause (a crash of its own, or a SIGKILL that found it already gone). */
  readonly unexpectedExits: readonly string[];
  readonly converged: boolean;
  /** When not converged: each replica's state vector and sizes. */
  readonly divergence: readonly string[];
  readonly gracefulExitCode: number | null;
  readonly storedRows: number;
  readonly durationMs: number;
  /** How often clients were closed, by close code (1006: the relay was killed). */
  readonly clientCloses: Readonly<Record<string, number>>;
}

const CONVERGE_LIMIT_MS = 60_000;
const SOCKETS_CLOSED_LIMIT_MS = 10_000;

export async function runCrashScenario(options: CrashScenarioOptions): Promise<CrashReport> {
  const started = performance.now();
  const rng = seededInts(options.seed);
  const dataDir = makeTempDir();
  const docName = `meeting/${randomBytes(16).toString('hex')}`;
  const clients: RecordingClient[] = [];
  const lost: LostUpdate[] = [];
  const unexpectedExits: string[] = [];
  let relay: RelayProcess | null = await spawnRelay({ dataDir });
  const port = relay.port;
  let updatesChecked = 0;
  let editing: ReturnType<typeof startEditing> | null = null;
  const stored = () => docFromRows(storedRows(dataDir, docName));

  try {
    const account = await createAccount(relay.httpUrl);
    const token = await account.tokenFor(docName);
    for (let i = 0; i < options.clients; i++) clients.push(recordingClient(relay.url, docName, token));
    editing = startEditing(clients, rng, options.editEveryMs);

    for (let iteration = 1; iteration <= options.iterations; iteration++) {
      // Short waits hit loading and the first syncs; long ones hit steady editing.
      const upMs = rng.pick([rng.int(60), rng.int(400), rng.int(options.maxUpMs)]);
      await new Promise((resolve) => setTimeout(resolve, upMs));
      const exit = await relay.kill();
      if (exit.signal !== 'SIGKILL') unexpectedExits.push(`iteration ${iteration}: ${exit.code ?? exit.signal}`);
      relay = null;
      await waitFor(() => clients.every((c) => c.openSockets() === 0), 'client sockets to close', SOCKETS_CLOSED_LIMIT_MS);
      updatesChecked += await checkReceived(clients, stored, iteration, lost);
      relay = await spawnRelay({ dataDir, port });
      options.progress?.(iteration);
    }

    editing.stop();
    const { converged, divergence } = await awaitConvergence(clients, stored, CONVERGE_LIMIT_MS);
    const exit = await relay.stop();
    relay = null;
    await waitFor(() => clients.every((c) => c.openSockets() === 0), 'client sockets to close', SOCKETS_CLOSED_LIMIT_MS);
    updatesChecked += await checkReceived(clients, stored, options.iterations + 1, lost);
    return {
      iterations: options.iterations,
      clients: options.clients,
      edits: editing.count(),
      updatesChecked,
      lost,
      unexpectedExits,
      converged,
      divergence,
      gracefulExitCode: exit.code,
      storedRows: storedRows(dataDir, docName).length,
      durationMs: performance.now() - started,
      clientCloses: countCodes(clients.flatMap((c) => c.closeCodes)),
    };
  } finally {
    editing?.stop();
    for (const client of clients) client.destroy();
    if (relay) await relay.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
