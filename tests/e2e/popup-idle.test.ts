// The idle popup starts the next meeting, by name, and makes a new one: both open the side
// panel, and a panel already open goes where the popup asked (the running meeting, the new
// meeting form). Starting from the popup is a real start: the clock runs, the meeting is this
// device's active one, and the popup turns into the running clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { shoot } from './helpers/screenshots.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e popup idle', { browser: null });

guardedSetup(test, async (ctx) => {
  ctx.browser = await launchExtension();
  await ctx.browser.context.setOffline(true);
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

async function popup(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 320, height: 420 });
  await page.goto(`chrome-extension://${b.extensionId}/popup/index.html`);
  return page;
}

async function sidePanels(b: ExtensionBrowser): Promise<number> {
  return (await b.worker()).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] })).length);
}

test('the idle popup names the next meeting and starts it; the open panel follows to it', async ({ browser }) => {
  const b = browser!;
  const panel = await b.page('side-panel/index.html');
  const id = await createMeeting(panel, 'Quarterly review', 'Daily standup');
  await panel.getByRole('button', { name: msg('navLibrary') }).click();
  await panel.getByText('Quarterly review').first().waitFor();

  const idle = await popup(b);
  const start = idle.getByRole('button', { name: msg('popupStart', 'Quarterly review') });
  await start.waitFor();
  await shoot(idle, 'popup-idle');
  await start.click();

  // The popup is now the running meeting's clock, with the first item under it.
  await idle.getByRole('timer').waitFor();
  await idle.getByRole('heading', { name: 'Yesterday' }).waitFor();
  await idle.getByRole('button', { name: msg('runNext') }).waitFor();
  await shoot(idle, 'popup-running');
  // The clock is what is seen first: above the item and the controls, and by far the largest text.
  const [clockBox, itemBox, nextBox] = await Promise.all([
    idle.getByRole('timer').boundingBox(),
    idle.getByRole('heading', { name: 'Yesterday' }).boundingBox(),
    idle.getByRole('button', { name: msg('runNext') }).boundingBox(),
  ]);
  assert.ok(clockBox!.height >= 40, `the clock is ${clockBox!.height}px tall`);
  assert.ok(clockBox!.y < itemBox!.y && clockBox!.y < nextBox!.y, 'the clock comes before the item and the controls');
  const fontPx = (selector: string) => idle.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const [clockFont, itemFont] = [await fontPx('[role="timer"] .digits'), await fontPx('h1.item')];
  assert.ok(clockFont >= 2 * itemFont, `clock ${clockFont}px against the item's ${itemFont}px`);
  const active = await (await b.worker()).evaluate(async () => (await chrome.storage.local.get('activeMeeting')).activeMeeting);
  assert.is(active, id);

  // The side panel opened, and the panel page already open went to the running meeting.
  assert.ok(await eventually(() => sidePanels(b), 'a side panel'));
  await panel.waitForURL(new RegExp(`#/meeting/${id}$`));
  await panel.getByRole('button', { name: msg('runEnd') }).waitFor();
  await panel.getByRole('timer').first().waitFor();

  // Next from the popup moves the meeting everywhere.
  await idle.getByRole('button', { name: msg('runNext') }).click();
  await panel.locator('#current-title', { hasText: 'Today' }).waitFor();
  await idle.close();
  await panel.getByRole('button', { name: msg('runEnd') }).click();
  await panel.getByText(msg('reportChartTitle')).first().waitFor();
  await panel.close();
});

test('with nothing planned, the idle popup makes a new meeting in the side panel', async ({ browser }) => {
  const b = browser!;
  const panel = await b.page('side-panel/index.html');
  await panel.getByRole('button', { name: msg('libraryNew') }).waitFor();
  const idle = await popup(b);
  await idle.getByText(msg('popupNoUpcoming')).waitFor();
  assert.is(await idle.locator('button.start').count(), 0);
  await idle.getByRole('button', { name: msg('popupNewMeeting') }).click();
  await panel.waitForURL(/#\/new$/);
  await panel.getByRole('button', { name: msg('newCreate') }).waitFor();
  assert.ok(await eventually(() => sidePanels(b), 'a side panel'));
  // A panel opened afterwards has nothing left to follow: the request was taken once.
  const later = await b.page('side-panel/index.html');
  await later.getByRole('button', { name: msg('libraryNew') }).waitFor();
  assert.is(new URL(later.url()).hash, '');
  await later.close();
  await idle.close();
  await panel.close();
});

test.run();
