// The suite runner stops a run in which no test finishes any more: it names the suite that
// stalled, fails, and ends the processes that suite started, instead of hanging CI. A run that
// finishes names its slowest suites above its totals.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stallPidFile } from './fixtures/stalled-run/stall-pid-file.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a run whose test never finishes is stopped, named and failed, with the processes it started', async () => {
  const runner = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/run-suites.ts', '--dir=tests/fixtures/stalled-run', '--pattern=\\.suite-fixture\\.ts$', '--idle-limit-ms=3000'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  runner.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  runner.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => runner.on('close', resolve));
  const pidFile = stallPidFile(runner.pid!);
  try {
    assert.is.not(code, 0, 'the run fails');
    assert.match(stderr, /no test finished for 3 s: the run stalled in stalls\.suite-fixture\.ts/);
    assert.match(stderr, /uvu stopped before it reported its totals/);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    // Killed with its group; a moment may pass before the kernel reaps it.
    for (let i = 0; i < 50 && alive(sleeper); i++) await new Promise((r) => setTimeout(r, 100));
    assert.not.ok(alive(sleeper), 'the stalled suite\'s child process is gone');
  } finally {
    rmSync(pidFile, { force: true });
  }
});

test('a finished run names its slowest suites above its totals', async () => {
  const runner = spawn(process.execPath, ['--import', 'tsx', 'tests/run-suites.ts', '--dir=tests/fixtures/timed-run', '--pattern=\\.suite-fixture\\.ts$'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  runner.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => runner.on('close', resolve));
  assert.is(code, 0);
  assert.match(stdout, /slowest suites:\n\s+\d+\.\d s  passes\.suite-fixture\.ts\n1 passed, 0 failed, 0 skipped\n$/);
});

test.run();
