// The service worker follows the running meeting: the badge shows the current item's remaining
// minutes, and chrome.alarms hold the warning and time's-up alarms for the current item, which
// are replaced on Next and cleared on pause and at the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, shownClock, startMeeting } from './helpers/extension-flows.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e background', { browser: null });

type Alarm = { name: string; scheduledTime: number; periodInMinutes?: number };

test.before(async (ctx) => {
  ctx.browser = await launchExtension();
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

async function alarms(browser: ExtensionBrowser): Promise<Alarm[]> {
  return (await browser.worker()).evaluate(() => chrome.alarms.getAll()) as Promise<Alarm[]>;
}

async function badge(browser: ExtensionBrowser): Promise<string> {
  return (await browser.worker()).evaluate(() => chrome.action.getBadgeText({}));
}

test('badge and alarms follow the running meeting', async ({ browser }) => {
  const b = browser!;
  const panel = await b.page('side-panel/index.html');
  await createMeeting(panel, 'Background check', 'Daily standup');
  assert.is(await badge(b), '');
  await startMeeting(panel);

  // Daily standup: three 5-minute items; the badge rounds the remaining time up to minutes.
  const text = await eventually(async () => ((await badge(b)) === '5m' ? '5m' : null), 'badge 5m');
  assert.is(text, '5m');

  const first = await eventually(async () => {
    const list = await alarms(b);
    return list.some((a) => a.name.startsWith('ltm:timesup:')) ? list : null;
  }, 'time-up alarm');
  const warn = first.find((a) => a.name.startsWith('ltm:warn:'));
  const timesUp = first.find((a) => a.name.startsWith('ltm:timesup:'));
  assert.ok(warn && timesUp, JSON.stringify(first));
  // The default warning is 2 minutes before the end of the item.
  assert.ok(Math.abs(timesUp!.scheduledTime - warn!.scheduledTime - 120_000) < 1_000, JSON.stringify(first));
  const shown = await shownClock(panel);
  const untilEndSec = (timesUp!.scheduledTime - Date.now()) / 1000;
  assert.ok(Math.abs(untilEndSec - shown.remainingSec) <= 2, `alarm in ${untilEndSec}s, clock shows ${shown.remainingSec}s`);
  assert.ok(first.some((a) => a.name === 'ltm:tick'), 'periodic badge tick while running');

  await panel.getByRole('button', { name: msg('runNext') }).click();
  const afterNext = await eventually(async () => {
    const list = await alarms(b);
    const t = list.find((a) => a.name.startsWith('ltm:timesup:'));
    return t && t.name !== timesUp!.name ? list : null;
  }, 'alarms for the second item');
  assert.is(afterNext.filter((a) => a.name.startsWith('ltm:timesup:')).length, 1);

  await panel.getByRole('button', { name: msg('runPause') }).click();
  await eventually(async () => !(await alarms(b)).some((a) => a.name.startsWith('ltm:timesup:') || a.name === 'ltm:tick'), 'alarms cleared on pause');
  assert.is(await badge(b), '5m');

  await panel.getByRole('button', { name: msg('runResume') }).click();
  await eventually(async () => (await alarms(b)).some((a) => a.name.startsWith('ltm:timesup:')), 'alarms back on resume');

  await panel.getByRole('button', { name: msg('runEnd') }).click();
  await eventually(async () => (await badge(b)) === '' && (await alarms(b)).length === 0, 'badge and alarms cleared at the end');
  await panel.close();
});

test.run();
