// Soak: the crash scenario of tests/sync-server/crash.test.ts, 1,000 SIGKILL/restart cycles by
// default (RELAY_SOAK_ITERATIONS overrides), five stock clients editing throughout.
import type { BenchResult } from './bench-result.ts';
import { runCrashScenario } from '../tests/sync-server/helpers/crash-scenario.ts';

const DEFAULT_ITERATIONS = 1_000;
const CLIENTS = 5;
const SEED = 1126;

export default async function run(): Promise<BenchResult> {
  const iterations = Number(process.env.RELAY_SOAK_ITERATIONS ?? DEFAULT_ITERATIONS);
  const report = await runCrashScenario({
    iterations,
    clients: CLIENTS,
    seed: SEED,
    maxUpMs: 1_200,
    editEveryMs: 8,
    progress: (i) => {
      if (i % 50 === 0) console.log(`  soak: ${i}/${iterations} kills`);
    },
  });
  return {
    name: 'relay-crash-soak',
    title: `Relay crash soak: ${iterations} SIGKILL/restart cycles under ${CLIENTS} editing clients`,
    rows: [
      { metric: 'kill/restart cycles', value: String(report.iterations), target: '1000', ok: report.iterations >= DEFAULT_ITERATIONS },
      { metric: 'edits made by clients', value: String(report.edits) },
      { metric: 'updates received from the relay, checked against the store after each kill', value: String(report.updatesChecked) },
      { metric: 'received updates missing from the store', value: String(report.lost.length), target: '0', ok: report.lost.length === 0 },
      { metric: 'relay exits not caused by the SIGKILL', value: String(report.unexpectedExits.length), target: '0', ok: report.unexpectedExits.length === 0 },
      { metric: 'clients and store converged at the end', value: report.converged ? 'yes' : 'no', target: 'yes', ok: report.converged },
      { metric: 'final SIGTERM exit code', value: String(report.gracefulExitCode), target: '0', ok: report.gracefulExitCode === 0 },
      { metric: 'stored rows at the end (after compactions)', value: String(report.storedRows) },
      { metric: 'client socket closes by code', value: JSON.stringify(report.clientCloses) },
      { metric: 'wall time', value: `${(report.durationMs / 60_000).toFixed(1)} min` },
    ],
    notes: [
      'Relay: the real CLI (sync-server/main.ts) as a child process, SQLite WAL synchronous=FULL, restarted on the same port and data dir; real accounts and tokens through /api.',
      'Each kill comes after a random up time (0-60 ms, 0-400 ms or 0-1.2 s, chosen at random) so kills land during load, first syncs and steady editing; the check runs with the relay dead and every client socket closed.',
      'Run while other sessions loaded the same 2-core machine, so the cycle time is not a performance figure.',
    ],
  };
}
