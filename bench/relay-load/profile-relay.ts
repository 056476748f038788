// Runs the relay on SQLite under the relay-load load with `node --cpu-prof` and prints the
// profile's self time by function from the moment sending starts (cpu-profile-summary.ts): `node --import tsx
// bench/relay-load/profile-relay.ts [seconds]`. The profile stays in the printed directory.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSummary } from './cpu-profile-summary.ts';
import { sqliteSetup } from './load-setups.ts';
import { runLoad } from './run-load.ts';

const dir = mkdtempSync(join(tmpdir(), 'ltm-cpu-prof-'));
const seconds = Number(process.argv[2] ?? 20);
let sendingSinceUs = 0;
const report = await runLoad({
  clients: 2_000,
  rooms: 500,
  updatesPerSecond: 1_000,
  durationMs: seconds * 1000,
  onSending: () => void (sendingSinceUs = Number(process.hrtime.bigint() / 1000n)),
  setup: (rooms) => sqliteSetup(rooms, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] }),
});
console.log(`relay CPU ${report.serverCpuPercent.toFixed(0)} %, p50 ${report.latencyMs.p50.toFixed(2)} ms, p99 ${report.latencyMs.p99.toFixed(2)} ms, lost ${report.lost}`);
// The steady state only: connecting 2,000 clients (auth, room loads) is not the per-update path.
printSummary(join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!), 45, sendingSinceUs);
