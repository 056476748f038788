// Crash test: the relay CLI is SIGKILLed and restarted 30 times at random moments while five
// stock y-websocket clients edit one meeting. No update any client received from the relay may be
// missing from the store after a kill, and clients and store converge at the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCrashScenario } from './helpers/crash-scenario.ts';

const ITERATIONS = 30;
const CLIENTS = 5;
const SEED = 20261126;

const test = suite('crash');

test(`${ITERATIONS} SIGKILLs while ${CLIENTS} clients edit: nothing acknowledged is lost, all converge`, async () => {
  const report = await runCrashScenario({ iterations: ITERATIONS, clients: CLIENTS, seed: SEED, maxUpMs: 1_200, editEveryMs: 8 });
  console.log(`  crash: ${report.edits} edits, ${report.updatesChecked} received updates checked, client closes ${JSON.stringify(report.clientCloses)}, ${(report.durationMs / 1000).toFixed(0)} s`);
  assert.equal(report.unexpectedExits, [], 'the relay only ever died by our SIGKILL');
  assert.equal(report.lost, [], `updates received from the relay but missing from the store (seed ${SEED})`);
  assert.ok(report.updatesChecked > ITERATIONS, `clients received updates throughout (${report.updatesChecked})`);
  assert.ok(report.edits > 0);
  assert.ok(report.converged, `clients and store converge after the last restart:\n${report.divergence.join('\n')}`);
  assert.is(report.gracefulExitCode, 0, 'the last relay stops cleanly on SIGTERM');
});

test.run();
