// Editing the agenda while the meeting runs, in the real side panel: behind "Edit agenda" an item
// is added after the current one or at the end, the current item's time box changes the clock
// at once, and the items still ahead are reordered by keyboard and by drag, so Next follows the
// new order; the current and visited items can be neither moved nor removed. Page time is
// Playwright's controllable clock, so remaining times are exact.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, msg, startMeeting } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { seriousViolations } from './helpers/axe.ts';
import { shoot } from './helpers/screenshots.ts';

const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;

const running = suite<{ browser: ExtensionBrowser | null }>('running agenda', { browser: null });

guardedSetup(running, async (ctx) => {
  ctx.browser = await launchExtension();
  await ctx.browser.context.setOffline(true);
});

running.after(async (ctx) => {
  await ctx.browser?.close(true);
});

// A standup (Yesterday, Today, Blockers; 5 min each) started at T0 + 1 min on a paused clock.
async function runningStandup(browser: ExtensionBrowser, title: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.setViewportSize({ width: 360, height: 800 });
  await page.clock.install({ time: T0 });
  await page.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html`);
  await createMeeting(page, title);
  await page.clock.pauseAt(T0 + MIN);
  await startMeeting(page);
  return page;
}

async function editAgenda(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: msg('runEditAgenda') });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
}

async function titles(page: Page): Promise<string[]> {
  return page.locator('ol.agenda input.title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

async function currentTitle(page: Page): Promise<string> {
  return ((await page.locator('#current-title').textContent()) ?? '').trim();
}

running('an item added after the current one mid-meeting is where Next goes; axe is clean in edit mode', async ({ browser }) => {
  const page = await runningStandup(browser!, 'Add mid-meeting');
  await editAgenda(page);
  await page.getByRole('button', { name: msg('runAddAfterCurrent') }).click();
  // The new item's title has focus, right after the current item.
  await page.keyboard.type('Urgent');
  assert.equal(await titles(page), ['Yesterday', 'Urgent', 'Today', 'Blockers']);
  await page.getByLabel(msg('agendaMinutesLabel', 'Urgent')).fill('2');

  await page.getByRole('button', { name: msg('runNext'), exact: true }).click();
  await page.locator('#current-title', { hasText: 'Urgent' }).waitFor();
  await page.getByRole('timer', { name: /2:00 left/ }).first().waitFor();

  // axe waits on timers, so page time flows again for it.
  await page.clock.resume();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    assert.equal(await seriousViolations(page), [], colorScheme);
    await shoot(page, `run-edit-agenda-${colorScheme}`);
  }
  await page.close();
});

running("changing the current item's time box changes its remaining time at once", async ({ browser }) => {
  const page = await runningStandup(browser!, 'Retime current');
  await page.clock.fastForward(MIN);
  await page.getByRole('timer', { name: /4:00 left/ }).first().waitFor();
  await editAgenda(page);
  // The current item is marked, keeps its fields, and cannot be moved or removed.
  assert.equal(await page.getByRole('button', { name: msg('agendaRemove', 'Yesterday') }).count(), 0);
  assert.equal(await page.getByRole('button', { name: new RegExp(`^${msg('agendaHandle', 'Yesterday', 1, 3)}`) }).count(), 0);
  await page.getByLabel(msg('agendaMinutesLabel', 'Yesterday')).fill('10');
  await page.getByRole('timer', { name: /9:00 left/ }).first().waitFor();
  // Shortening it below what has run puts it into overrun, shown in words.
  await page.getByLabel(msg('agendaMinutesLabel', 'Yesterday')).fill('0');
  await page.getByRole('timer', { name: /Over time by 1:00/ }).first().waitFor();
  await page.close();
});

running('reordering what is left, by keyboard and by drag, is the order Next follows', async ({ browser }) => {
  const page = await runningStandup(browser!, 'Reorder upcoming');
  await editAgenda(page);

  // Keyboard: Blockers up one place; once more is refused, the current item stays first.
  await page.getByRole('button', { name: /^Move Blockers/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction(() => (document.querySelectorAll('ol.agenda input.title')[1] as HTMLInputElement | undefined)?.value === 'Blockers');
  await page.keyboard.press('Alt+ArrowUp');
  assert.equal(await titles(page), ['Yesterday', 'Blockers', 'Today']);

  await page.getByRole('button', { name: msg('runNext'), exact: true }).click();
  await page.locator('#current-title', { hasText: 'Blockers' }).waitFor();

  // Drag: an item added at the end is dragged above Today, and Next goes to it.
  await page.getByRole('button', { name: msg('runAddAtEnd') }).click();
  await page.keyboard.type('Follow-ups');
  await page.getByRole('button', { name: /^Move Follow-ups/ }).dragTo(page.locator('ol.agenda > li').nth(2));
  await page.waitForFunction(() => (document.querySelectorAll('ol.agenda input.title')[2] as HTMLInputElement | undefined)?.value === 'Follow-ups');
  assert.equal(await titles(page), ['Yesterday', 'Blockers', 'Follow-ups', 'Today']);

  // Visited and current items cannot be removed; an upcoming one can.
  assert.equal(await page.getByRole('button', { name: msg('agendaRemove', 'Yesterday') }).count(), 0);
  assert.equal(await page.getByRole('button', { name: msg('agendaRemove', 'Blockers') }).count(), 0);
  await page.getByRole('button', { name: msg('agendaRemove', 'Today') }).click();
  assert.equal(await titles(page), ['Yesterday', 'Blockers', 'Follow-ups']);

  await page.getByRole('button', { name: msg('runNext'), exact: true }).click();
  await page.locator('#current-title', { hasText: 'Follow-ups' }).waitFor();
  await page.close();
});

running('ending from the bottom of the run view opens the report at its top, under the header', async ({ browser }) => {
  const page = await runningStandup(browser!, 'Scroll on end');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY > 0), 'the run view scrolls at 360x800');
  assert.equal(await page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().top), 0);
  // dispatchEvent clicks without scrolling the button into view first.
  await page.getByRole('button', { name: msg('runEnd') }).dispatchEvent('click');
  await page.getByRole('button', { name: msg('reportCopy') }).waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.close();
});

running.run();
