// The relay link's reconnect schedule as a unit: delays double from the base up to the cap, with
// equal jitter (between half and all of the step), and only a connection that stayed up resets it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RECONNECT_BACKOFF, ReconnectBackoff } from '../../../extension/data/reconnect-backoff.ts';

const test = suite('reconnect backoff');
const policy = { baseMs: 500, maxMs: 30_000, stableMs: 10_000 };

test('delays double up to the cap; the jitter stays within half and all of each step', () => {
  const high = new ReconnectBackoff(policy, () => 1);
  const low = new ReconnectBackoff(policy, () => 0);
  const steps = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000];
  assert.equal(steps.map(() => high.failed(0)), steps);
  assert.equal(steps.map(() => low.failed(0)), steps.map((s) => s / 2));
});

test('a connection that synced and failed soon after does not reset the schedule', () => {
  const backoff = new ReconnectBackoff(policy, () => 1);
  assert.equal([backoff.failed(0), backoff.failed(300), backoff.failed(9_999), backoff.failed(200)], [500, 1_000, 2_000, 4_000]);
});

test('a connection that stayed up for stableMs starts the schedule again', () => {
  const backoff = new ReconnectBackoff(policy, () => 1);
  for (let i = 0; i < 20; i++) backoff.failed(0);
  assert.is(backoff.failed(10_000), 500);
  assert.is(backoff.failed(0), 1_000);
  backoff.reset();
  assert.is(backoff.failed(0), 500);
});

test('the default schedule reaches its cap at the seventh failure and stays there', () => {
  const backoff = new ReconnectBackoff(RECONNECT_BACKOFF, () => 1);
  const delays = Array.from({ length: 12 }, () => backoff.failed(0));
  assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]!));
  assert.is(delays.at(-1), RECONNECT_BACKOFF.maxMs);
  assert.is(delays[6], RECONNECT_BACKOFF.maxMs);
  assert.is(delays[5]! < RECONNECT_BACKOFF.maxMs, true);
});

test.run();
