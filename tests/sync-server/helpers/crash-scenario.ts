// The crash scenario shared by the crash test and the soak benchmark: the relay CLI runs as a
// child process while stock y-websocket clients edit one meeting concurrently; it is SIGKILLed
// and restarted on the same port and data dir at random moments. After every kill (relay dead,
// every client socket closed) each update a client received from the relay since the last check
// must already be integrated in the stored rows: the relay only broadcasts committed updates.
// Checking after each kill matters: at the end the clients would have resent anything lost.
// Finally all clients and the store must converge on one state. The relay is the compiled CLI
// (`npm run build`, as `npm test` runs first): starting it dozens of times through tsx was most
// of the scenario's time.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { CrashLedger, startEditing, type CrashTally } from './crash-checks.ts';
import { docFromRows, storedRows } from './frames.ts';
import { recordingClient, type RecordingClient } from './recording-client.ts';
import { createAccount } from './relay-account.ts';
import { spawnRelay, type RelayProcess } from './relay-process.ts';
import { makeTempDir } from './relay-harness.ts';
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

export interface CrashReport extends CrashTally {
  readonly iterations: number;
  readonly clients: number;
  readonly converged: boolean;
  /** When not converged: each replica's state vector and sizes. */
  readonly divergence: readonly string[];
  readonly gracefulExitCode: number | null;
  readonly storedRows: number;
  readonly durationMs: number;
}

const CONVERGE_LIMIT_MS = 60_000;

export async function runCrashScenario(options: CrashScenarioOptions): Promise<CrashReport> {
  const started = performance.now();
  const rng = seededInts(options.seed);
  const dataDir = makeTempDir();
  const docName = `meeting/${randomBytes(16).toString('hex')}`;
  const clients: RecordingClient[] = [];
  let relay: RelayProcess = await spawnRelay({ dataDir, compiled: true });
  const port = relay.port;
  let editing: ReturnType<typeof startEditing> | null = null;
  const ledger = new CrashLedger(clients, () => docFromRows(storedRows(dataDir, docName)));

  try {
    const account = await createAccount(relay.httpUrl);
    const token = await account.tokenFor(docName);
    for (let i = 0; i < options.clients; i++) clients.push(recordingClient(relay.url, docName, token));
    editing = startEditing(clients, rng, options.editEveryMs);

    for (let iteration = 1; iteration <= options.iterations; iteration++) {
      // Short waits hit loading and the first syncs; long ones hit steady editing.
      const upMs = rng.pick([rng.int(60), rng.int(400), rng.int(options.maxUpMs)]);
      await new Promise((resolve) => setTimeout(resolve, upMs));
      await ledger.kill(relay, iteration, `iteration ${iteration}`);
      relay = await spawnRelay({ dataDir, port, compiled: true });
      options.progress?.(iteration);
    }

    const { converged, divergence, stopped } = await ledger.finish(editing, () => relay.stop(), options.iterations + 1, CONVERGE_LIMIT_MS);
    return {
      ...ledger.tally(editing.count()),
      iterations: options.iterations,
      clients: options.clients,
      converged,
      divergence,
      gracefulExitCode: stopped.code,
      storedRows: storedRows(dataDir, docName).length,
      durationMs: performance.now() - started,
    };
  } finally {
    editing?.stop();
    for (const client of clients) client.destroy();
    await relay.kill(); // a no-op once it has exited
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
