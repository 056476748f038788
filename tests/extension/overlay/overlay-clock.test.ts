// The overlay's clock between snapshots, and keeping the widget on screen.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { clampPosition, overlayClock } from '../../../extension/overlay/overlay-clock.ts';
import type { ClockSnapshot } from '../../../extension/platform/messages.ts';

const test = suite('overlay clock');

const base: ClockSnapshot = {
  active: true,
  meetingTitle: 'M',
  itemTitle: 'I',
  itemRemainingMs: 10_000,
  itemOverrunMs: 0,
  paused: false,
  computedAt: 1_000,
};

test('counts down from the snapshot, then into overrun', () => {
  assert.equal(overlayClock(base, 1_000), { remainingMs: 10_000, overrunMs: 0, overrun: false });
  assert.equal(overlayClock(base, 4_000), { remainingMs: 7_000, overrunMs: 0, overrun: false });
  assert.equal(overlayClock(base, 13_500), { remainingMs: 0, overrunMs: 2_500, overrun: true });
});

test('an overrun snapshot keeps growing; a paused one stands still', () => {
  const over = { ...base, itemRemainingMs: 0, itemOverrunMs: 5_000 };
  assert.equal(overlayClock(over, 2_000), { remainingMs: 0, overrunMs: 6_000, overrun: true });
  assert.equal(overlayClock({ ...base, paused: true }, 60_000).remainingMs, 10_000);
});

test('a local clock behind the snapshot time never adds time', () => {
  assert.is(overlayClock(base, 0).remainingMs, 10_000);
});

test('positions are clamped into the viewport', () => {
  const size = { width: 100, height: 50 };
  const vp = { width: 800, height: 600 };
  assert.equal(clampPosition({ x: -20, y: 900 }, size, vp), { x: 0, y: 550 });
  assert.equal(clampPosition({ x: 300.4, y: 200.6 }, size, vp), { x: 300, y: 201 });
  assert.equal(clampPosition({ x: 50, y: 50 }, { width: 900, height: 700 }, vp), { x: 0, y: 0 });
});

test.run();
