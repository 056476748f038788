// The service worker follows the running meeting: the badge shows the current item's remaining
// minutes, and chrome.alarms hold the warning and time's-up alarms for the current item, which
// are replaced on Next and cleared on pause and at the end; a re-timing that passes one announces
// it at once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, settingStored, shownClock, startMeeting } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e background', { browser: null });

type Alarm = { name: string; scheduledTime: number; periodInMinutes?: number };

guardedSetup(test, async (ctx) => {
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

  // The worker creates the item's alarms, then the periodic tick: wait for all of them, not for a
  // snapshot taken between two of those calls.
  const first = await eventually(async () => {
    const list = await alarms(b);
    const names = list.map((a) => a.name);
    const complete = names.some((n) => n.startsWith('ltm:timesup:')) && names.some((n) => n.startsWith('ltm:warn:')) && names.includes('ltm:tick');
    return complete ? list : null;
  }, 'time-up, warning and tick alarms');
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

// Chrome fires an alarm at its scheduled time; to see what happens then without waiting minutes,
// the test re-creates the planned alarm (same name) to fire now. Unpacked extensions may do that.
async function fireNow(browser: ExtensionBrowser, prefix: string): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(async (p) => {
    const alarm = (await chrome.alarms.getAll()).find((a) => a.name.startsWith(p));
    if (!alarm) throw new Error(`no alarm ${p}`);
    await chrome.alarms.create(alarm.name, { when: Date.now() + 50 });
    return alarm.name;
  }, prefix);
}

test('keyboard commands get their suggested shortcuts (Chrome drops ones that clash)', async ({ browser }) => {
  const commands = (await (await browser!.worker()).evaluate(() => chrome.commands.getAll())) as { name: string; shortcut: string }[];
  const shortcut = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
  assert.equal(
    { next: shortcut['next-item'], pause: shortcut['toggle-pause'], panel: shortcut['open-side-panel'] },
    { next: 'Alt+Shift+Period', pause: 'Alt+Shift+Comma', panel: 'Alt+Shift+L' },
  );
});

test('the popup opens the side panel in the current window', async ({ browser }) => {
  const popup = await browser!.page('popup/index.html');
  await popup.getByRole('button', { name: msg('popupOpenPanel') }).click();
  const worker = await browser!.worker();
  const panels = await eventually(
    () => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] })).length),
    'side panel context',
  );
  assert.is(panels, 1);
  await popup.close();
});

test('the warning shows a notification and plays the chime; auto-advance moves on at time up', async ({ browser }) => {
  const b = browser!;
  const panel = await b.page('side-panel/index.html');
  await createMeeting(panel, 'Alerts check', 'Daily standup');
  await startMeeting(panel);
  await eventually(async () => (await alarms(b)).some((a) => a.name.startsWith('ltm:warn:')), 'warning alarm');

  const warnName = await fireNow(b, 'ltm:warn:');
  const worker = await b.worker();
  const notes = await eventually(async () => {
    const all = (await worker.evaluate(() => chrome.notifications.getAll())) as Record<string, boolean>;
    return all[warnName] ? all : null;
  }, 'warning notification');
  assert.ok(notes[warnName]);
  const offscreen = await eventually(
    () => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).length),
    'offscreen chime document',
  );
  assert.is(offscreen, 1);

  const options = await b.page('options/index.html');
  await options.getByRole('checkbox', { name: msg('optAutoAdvance') }).check();
  await settingStored(b, 'autoAdvance', true);
  await options.close();
  await fireNow(b, 'ltm:timesup:');
  await eventually(async () => (await shownClock(panel)).item === 'Today', 'auto-advance to the second item');
  await panel.close();
});

test('the running item shortened below what has run gets its time-up once the time box settles, and is not advanced', async ({ browser }) => {
  const b = browser!;
  const panel = await b.page('side-panel/index.html');
  // The meeting before this one may still have its alarms: wait for this one's own.
  const before = new Set((await alarms(b)).map((a) => a.name));
  await createMeeting(panel, 'Shortened item', 'Daily standup');
  await startMeeting(panel);
  await eventually(async () => (await alarms(b)).some((a) => a.name.startsWith('ltm:timesup:') && !before.has(a.name)), "this meeting's time-up alarm");
  await panel.getByRole('button', { name: msg('runEditAgenda') }).click();
  await panel.getByLabel(msg('agendaMinutesLabel', 'Yesterday')).fill('0');
  const worker = await b.worker();
  // The time box is 0 ms now, and the announcement carries it in its name.
  const shown = await eventually(async () => {
    const all = (await worker.evaluate(() => chrome.notifications.getAll())) as Record<string, boolean>;
    return Object.keys(all).find((name) => /^ltm:timesup:[^:]+:\d+:0$/.test(name)) ?? null;
  }, "time's up notification");
  assert.ok(shown);
  // Auto-advance is on (the test before): a number being typed never moves the meeting on.
  assert.is((await shownClock(panel)).item, 'Yesterday');
  assert.not.ok((await alarms(b)).some((a) => a.name.startsWith('ltm:timesup:') || a.name.startsWith('ltm:warn:')), 'no alarm left for the overrun item');
  await worker.evaluate((name) => chrome.notifications.clear(name), shown);
  await panel.close();
});

test.run();
