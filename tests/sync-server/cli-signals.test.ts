// The README's run command, `npm run relay -- --port … --host … --data …`, stops cleanly on
// SIGTERM and on SIGINT sent to npm: the relay logs its stop, npm exits, no process of the
// command's group survives (dash does not pass signals on, so the script execs node), and
// nothing listens on the port any more.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { groupAlive, killGroup, portRefuses } from './helpers/process-group.ts';
import { makeTempDir, waitFor } from './helpers/relay-harness.ts';
import { spawnListening } from './helpers/relay-process.ts';

const REPO = join(import.meta.dirname, '..', '..');
const test = suite('signals to the run command');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to \`npm run relay\` stops the relay and frees the port`, async () => {
    const dataDir = makeTempDir();
    const relay = await spawnListening('npm', ['run', 'relay', '--', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], { cwd: REPO, detached: true });
    try {
      assert.is((await fetch(`${relay.httpUrl}/healthz`)).status, 200);
      relay.child.kill(signal);
      await waitFor(() => relay.child.exitCode !== null || relay.child.signalCode !== null, 'npm exited', 20_000);
      await waitFor(() => !groupAlive(relay.pid), 'no process of the command left');
      assert.ok(relay.lines.some((line) => line.includes('"relay stopped"')), 'the relay did not stop cleanly');
      assert.ok(await portRefuses(relay.port), 'something still listens on the port');
    } finally {
      killGroup(relay.pid);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test.run();
