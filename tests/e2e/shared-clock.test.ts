// Two signed-in profiles show the same current item and remaining time, within one second,
// while the meeting runs, although device B's system clock is four minutes fast: both correct
// their clocks by the offset to the relay's clock (GET /api/time).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { createMeeting, eventually, msg, openMeeting, shownClock, startMeeting } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';
import { twoDevices, type TwoDevices } from './helpers/two-devices.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const SKEW_MS = 4 * 60_000;
const SAMPLES = 3;

const test = suite<{ devices: TwoDevices | null }>('e2e shared clock', { devices: null });

guardedSetup(test, async (ctx) => {
  ctx.devices = await twoDevices({ skewB: SKEW_MS });
});

test.after(async (ctx) => {
  await ctx.devices?.close();
});

async function agree(panelA: Page, panelB: Page, expectedItem: string): Promise<void> {
  for (let i = 0; i < SAMPLES; i++) {
    const [a, b] = await Promise.all([shownClock(panelA), shownClock(panelB)]);
    assert.is(a.item, expectedItem);
    assert.is(b.item, expectedItem);
    assert.ok(Math.abs(a.remainingSec - b.remainingSec) <= 1, `A shows ${a.remainingSec}s, B shows ${b.remainingSec}s`);
    await panelA.waitForTimeout(700);
  }
}

test('both devices show the same item and remaining time despite a skewed clock', async ({ devices }) => {
  const { a, b } = devices!;
  const panelA = await a.page('side-panel/index.html');
  const panelB = await b.page('side-panel/index.html');
  const skew = (await panelB.evaluate(() => Date.now())) - (await panelA.evaluate(() => Date.now()));
  assert.ok(Math.abs(skew - SKEW_MS) < 5_000, `device B runs ${skew} ms ahead`);

  const id = await createMeeting(panelA, 'Clock across devices', 'Daily standup');
  await panelB.getByText('Clock across devices').first().waitFor({ timeout: 20_000 });
  await openMeeting(panelB, id);
  await startMeeting(panelA);
  await panelB.getByRole('timer').first().waitFor({ timeout: 20_000 });
  await eventually(async () => (await shownClock(panelB)).item === 'Yesterday', 'B to show the running item');
  await agree(panelA, panelB, 'Yesterday');
  await shoot(panelB, 'shared-clock-b-skewed');

  await panelB.getByRole('button', { name: msg('runNext') }).click();
  await eventually(async () => (await shownClock(panelA)).item === 'Today', 'A to follow Next pressed on B');
  await agree(panelA, panelB, 'Today');
});

test.run();
