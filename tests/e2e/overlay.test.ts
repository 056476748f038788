// The meeting-page overlay: a Google Meet URL is served from a local page by Playwright routing
// (no network). The widget appears while a meeting runs, follows the clock and the current item,
// remembers where it was dragged, and hides when turned off or when nothing runs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { seriousViolations } from './helpers/axe.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, openMeeting, parseClockText, settingStored, startMeeting } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const HOST_PAGE = `<!doctype html><html lang="en"><head><title>Meet</title></head>
<body style="margin:0;background:#202124;color:#fff;font:16px sans-serif"><main><h1>Team call</h1><p>Video tiles here.</p></main></body></html>`;

const test = suite<{ browser: ExtensionBrowser | null }>('e2e overlay', { browser: null });

guardedSetup(test, async (ctx) => {
  ctx.browser = await launchExtension();
  await ctx.browser.context.route('https://meet.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: HOST_PAGE }),
  );
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

const widget = (page: Page) => page.getByTestId('ltm-overlay');

async function overlayText(page: Page): Promise<{ item: string; sec: number } | null> {
  if (!(await widget(page).isVisible())) return null;
  const item = (await page.getByTestId('ltm-overlay-item').textContent()) ?? '';
  const time = (await page.getByTestId('ltm-overlay-time').textContent()) ?? '';
  return { item: item.trim(), sec: parseClockText(time) };
}

async function setOverlayEnabled(browser: ExtensionBrowser, on: boolean): Promise<void> {
  const options = await browser.page('options/index.html');
  const box = options.getByRole('checkbox', { name: msg('optOverlay') });
  if (on) await box.check();
  else await box.uncheck();
  await settingStored(browser, 'overlayEnabled', on);
  await options.close();
}

test('hidden while nothing runs; appears, follows the clock and the item', async ({ browser }) => {
  const b = browser!;
  const meet = await b.context.newPage();
  await meet.goto(MEET_URL);
  await meet.getByRole('heading', { name: 'Team call' }).waitFor();
  assert.is(await widget(meet).count(), 0, 'no overlay before a meeting runs');

  const panel = await b.page('side-panel/index.html');
  await createMeeting(panel, 'Overlay check', 'Daily standup');
  await startMeeting(panel);

  const first = await eventually(() => overlayText(meet), 'overlay shown');
  assert.is(first.item, 'Yesterday');
  assert.ok(first.sec > 240 && first.sec <= 300, `shows ${first.sec}s`);
  const later = await eventually(async () => {
    const now = await overlayText(meet);
    return now && now.sec < first.sec ? now : null;
  }, 'overlay clock to tick');
  assert.ok(later.sec < first.sec);
  await shoot(meet, 'overlay-running');
  assert.equal(await seriousViolations(meet), []);

  await panel.getByRole('button', { name: msg('runNext') }).click();
  await eventually(async () => (await overlayText(meet))?.item === 'Today', 'overlay to follow Next');
  await panel.close();
  await meet.close();
});

test('after the service worker is stopped, it restarts and the overlay follows the clock again', async ({ browser }) => {
  const b = browser!;
  const meet = await b.context.newPage();
  await meet.goto(MEET_URL);
  await eventually(() => overlayText(meet), 'overlay shown');
  const worker = await b.worker();
  await worker.evaluate(() => ((globalThis as { beforeStop?: boolean }).beforeStop = true));
  const panel = await b.page('side-panel/index.html');
  const active = await worker.evaluate(async () => (await chrome.storage.local.get('activeMeeting')).activeMeeting as string);
  const cdp = await b.context.newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();

  await openMeeting(panel, active);
  await panel.getByRole('button', { name: msg('runNext') }).click();
  await eventually(async () => (await overlayText(meet))?.item === 'Blockers', 'overlay follows Next after the restart');
  const restarted = await b.worker();
  assert.is(await restarted.evaluate(() => (globalThis as { beforeStop?: boolean }).beforeStop), undefined, 'a fresh worker');
  await eventually(async () => (await restarted.evaluate(() => chrome.alarms.getAll())).some((a) => a.name.startsWith('ltm:timesup:')), 'alarms rescheduled');
  await panel.close();
  await meet.close();
});

test('the dragged position is remembered across reloads', async ({ browser }) => {
  const meet = await browser!.context.newPage();
  await meet.goto(MEET_URL);
  await eventually(() => overlayText(meet), 'overlay shown');
  const before = (await widget(meet).boundingBox())!;
  await meet.mouse.move(before.x + 40, before.y + before.height - 6);
  await meet.mouse.down();
  await meet.mouse.move(900, 600, { steps: 5 });
  await meet.mouse.move(700, 500, { steps: 5 });
  await meet.mouse.up();
  const dragged = (await widget(meet).boundingBox())!;
  assert.ok(Math.abs(dragged.x - (700 - 40)) <= 2 && Math.abs(dragged.y - (500 - before.height + 6)) <= 2, JSON.stringify({ before, dragged }));

  await meet.reload();
  await eventually(() => overlayText(meet), 'overlay after reload');
  const restored = await eventually(async () => {
    const box = await widget(meet).boundingBox();
    return box && Math.abs(box.x - dragged.x) <= 1 && Math.abs(box.y - dragged.y) <= 1 ? box : null;
  }, 'overlay at the remembered position');
  assert.ok(restored);

  // A smaller window keeps the remembered widget fully on screen.
  await meet.setViewportSize({ width: 400, height: 300 });
  await eventually(async () => {
    const box = await widget(meet).boundingBox();
    return box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 400 && box.y + box.height <= 300 ? box : null;
  }, 'overlay clamped into a small window');
  await meet.close();
});

test('turning the overlay off or closing it hides it; ending the meeting hides it', async ({ browser }) => {
  const b = browser!;
  const meet = await b.context.newPage();
  await meet.goto(MEET_URL);
  await eventually(() => overlayText(meet), 'overlay shown');

  await setOverlayEnabled(b, false);
  await eventually(async () => (await widget(meet).count()) === 0, 'overlay hidden when off');
  await setOverlayEnabled(b, true);
  await eventually(() => overlayText(meet), 'overlay back when on');

  // Its own close button hides it on this page only, until the page is loaded again.
  await meet.getByRole('button', { name: msg('ovlHide') }).click();
  await eventually(async () => (await widget(meet).count()) === 0, 'overlay hidden by its close button');
  await meet.reload();
  await eventually(() => overlayText(meet), 'overlay back after a reload');

  const panel = await b.page('side-panel/index.html');
  const active = await (await b.worker()).evaluate(async () => (await chrome.storage.local.get('activeMeeting')).activeMeeting as string);
  await openMeeting(panel, active);
  await panel.getByRole('button', { name: msg('runEnd') }).click();
  await eventually(async () => (await widget(meet).count()) === 0, 'overlay hidden when the meeting ended');
  await panel.close();
  await meet.close();
});

test.run();
