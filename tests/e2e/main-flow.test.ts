// The whole meeting in the real side panel, with no relay and the network switched off: create
// from a template, edit the agenda (rename, time box, add, keyboard reorder, remove), run it with
// notes, a decision and an action, go through the items, end it, and read the report. The page's
// clock is Playwright's controllable clock, so planned and actual times are exact. A reload
// (and a browser restart) must bring everything back.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { shoot } from './helpers/screenshots.ts';
import { eventually, settingStored } from './helpers/extension-flows.ts';

const SIDE_PANEL = 'side-panel/index.html' as const;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;

let browser: ExtensionBrowser | null = null;

async function openPanel(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.setViewportSize({ width: 360, height: 800 });
  await page.clock.install({ time: T0 });
  await page.goto(`chrome-extension://${b.extensionId}/${SIDE_PANEL}`);
  await page.getByRole('button', { name: 'New meeting' }).waitFor();
  return page;
}

async function liveText(page: Page): Promise<string> {
  return (await page.locator('[role="status"][aria-live="polite"]').textContent()) ?? '';
}

function reportRow(page: Page, title: string) {
  return page.locator('tbody tr', { has: page.getByRole('rowheader', { name: title, exact: true }) });
}

test.after(async () => {
  await browser?.close(true);
});

test('create from a template, edit, run, take notes, end, and the report has the right times', async () => {
  browser = await launchExtension();
  await browser.context.setOffline(true);
  const page = await openPanel(browser);

  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByLabel('Title').fill('Team sync');
  await page.getByRole('radio', { name: /Daily standup/ }).check();
  await page.getByRole('button', { name: 'Create meeting' }).click();

  // The standup template: Yesterday, Today, Blockers, 5 min each.
  await page.getByLabel('Title of item 1').waitFor();
  assert.equal(await page.getByLabel('Title of item 1').inputValue(), 'Yesterday');
  await page.getByLabel('Title of item 1').fill('Wins');
  await page.getByLabel('Time box for Today').fill('3');
  await page.getByRole('button', { name: 'Remove Blockers' }).click();
  await page.getByRole('button', { name: 'Add item' }).click();
  await page.getByLabel('Title of item 3').fill('Wrap-up');
  await page.getByLabel('Time box for Wrap-up').fill('2');

  // Keyboard reorder: Wrap-up up one place, announced, focus stays on its handle.
  await page.getByRole('button', { name: /^Move Wrap-up/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.getByLabel('Title of item 2').waitFor();
  assert.equal(await page.getByLabel('Title of item 2').inputValue(), 'Wrap-up');
  assert.match(await liveText(page), /Wrap-up moved to position 2 of 3/);
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Move Wrap-up, item 2 of 3/);

  // Mouse reorder: drag Today's handle onto the first item, then put it back by keyboard.
  await page.getByRole('button', { name: /^Move Today/ }).dragTo(page.locator('ol.agenda > li').first());
  await page.getByLabel('Title of item 1').waitFor();
  assert.equal(await page.getByLabel('Title of item 1').inputValue(), 'Today');
  await page.getByRole('button', { name: /^Move Today/ }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  assert.equal(await page.getByLabel('Title of item 3').inputValue(), 'Today');

  // A booked length shorter than the plan is warned about.
  await page.getByLabel('Length', { exact: true }).fill('8');
  await page.getByText(/add up to 10 min but the meeting is 8 min: 2 min too long/).waitFor();
  await page.getByLabel('Length', { exact: true }).fill('');
  await page.getByLabel('Length', { exact: true }).press('Tab');
  await page.getByText('Items: 10 min of 10 min').waitFor();
  await shoot(page, 'main-flow-editor');

  // Run: Wins 5 min, Wrap-up 2 min, Today 3 min.
  await page.clock.pauseAt(T0 + MIN);
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await page.getByRole('heading', { name: 'Wins' }).waitFor();
  assert.match(await liveText(page), /Now: Wins/);
  // Two minutes before the end of its box (the default warning time), the item is announced.
  // (Moving the page clock also lets the notes editors, built when the page is idle, appear.)
  await page.clock.fastForward(3 * MIN + 30_000);
  await page.getByRole('timer', { name: /1:30 left/ }).waitFor();
  assert.match(await liveText(page), /1:30 left for Wins/);
  await page.getByLabel('Notes for Wins').click();
  await page.keyboard.type('Shipped the importer');
  await page.getByLabel('New decision').fill('Release on Friday');
  await page.getByRole('button', { name: 'Add' }).first().click();
  await page.getByLabel('New action item', { exact: true }).fill('Write release notes');
  await page.getByLabel('Owner of the new action item').fill('Ana');
  await page.locator('.actions form button[type="submit"]').click();
  await page.getByRole('button', { name: /Next item/ }).click();

  await page.getByRole('heading', { name: 'Wrap-up' }).waitFor();
  await page.clock.fastForward(3 * MIN + 30_000);
  await page.getByText('Over time', { exact: true }).waitFor();
  await page.getByRole('timer', { name: /Over time by 1:30/ }).waitFor();
  await page.getByText('Meeting: 3:00 left').waitFor();
  await shoot(page, 'main-flow-run-overrun');
  await page.getByRole('button', { name: /Next item/ }).click();

  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.getByRole('button', { name: '+1 min' }).click();
  await page.clock.fastForward(1 * MIN);
  await page.getByRole('button', { name: /Finish/ }).click();

  // The report: planned against actual per item, totals, decisions and actions.
  await page.getByRole('heading', { name: 'Planned vs actual' }).waitFor();
  const expectRow = async (title: string, planned: string, actual: string) => {
    const row = reportRow(page, title);
    assert.equal((await row.locator('.planned-cell').textContent())?.replace(/\s+/g, ' ').trim(), planned, `${title} planned`);
    assert.match((await row.locator('.actual-cell').textContent())?.trim() ?? '', new RegExp(`^${actual}`), `${title} actual`);
  };
  await expectRow('Wins', '5m', '3m 30s');
  await expectRow('Wrap-up', '2m', '3m 30s');
  // Planned is the box plus its extension, with the extension named: +1 min is not an overrun.
  await expectRow('Today', '4m incl. +1m extension', '1m');
  assert.not.match((await reportRow(page, 'Today').textContent()) ?? '', /over by/);
  assert.match((await reportRow(page, 'Wrap-up').textContent()) ?? '', /over by 1m 30s/);
  await page.getByText('Release on Friday').waitFor();
  await page.getByText('Write release notes').waitFor();
  await page.getByText('Shipped the importer').waitFor();
  await shoot(page, 'main-flow-report');

  // Reload: the same meeting, the same report.
  await page.reload();
  await page.getByRole('heading', { name: 'Planned vs actual' }).waitFor();
  await expectRow('Wrap-up', '2m', '3m 30s');
  await page.getByText('Shipped the importer').waitFor();
  await page.getByText('Release on Friday').waitFor();

  // The library lists it under past meetings.
  await page.getByRole('button', { name: 'Library' }).click();
  const past = page.getByRole('region', { name: /Past/ });
  await past.getByRole('link', { name: /Team sync/ }).waitFor();
  await page.close();
});

test('a browser restart keeps the library and the meeting (IndexedDB)', async () => {
  assert.ok(browser, 'the first test launched the browser');
  const dir = browser.userDataDir;
  await browser.close();
  browser = await launchExtension(dir);
  await browser.context.setOffline(true);
  const page = await openPanel(browser);
  // The ended meeting (its follow-up, "Team sync (follow-up)", is upcoming).
  await page.getByRole('region', { name: /Past/ }).getByRole('link', { name: /Team sync/ }).click();
  await page.getByRole('heading', { name: 'Planned vs actual' }).waitFor();
  await page.getByText('Shipped the importer').waitFor();
  await page.getByText('Write release notes').waitFor();

  // The report as Markdown, downloaded; and the agenda kept as a template.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .md' }).click()]);
  assert.is(download.suggestedFilename(), 'Team sync.md');
  const markdown = readFileSync((await download.path())!, 'utf8');
  for (const part of ['# Team sync', 'Wrap-up', 'Release on Friday', 'Write release notes', 'Shipped the importer']) assert.ok(markdown.includes(part), part);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await eventually(async () => (await liveText(page)).includes('Report copied as Markdown'), 'the copy to be announced');
  assert.is(await page.evaluate(() => navigator.clipboard.readText()), markdown);
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('button', { name: 'Saved as template' }).waitFor();

  // Every item was moved past with Next, so a follow-up starts with an empty agenda.
  assert.equal(await page.getByRole('group', { name: 'Carry over to the follow-up' }).count(), 0);
  await page.getByRole('button', { name: 'Schedule follow-up' }).click();
  await page.getByRole('button', { name: 'Create follow-up' }).click();
  await page.getByRole('button', { name: 'Start meeting' }).waitFor();
  await page.getByText('No items yet. Add the first one below.').waitFor();
  assert.equal(await page.getByLabel('Title of item 1').count(), 0);

  // The saved template is among the person's own, with the meeting's agenda.
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: 'Edit Team sync' }).click();
  await page.getByLabel('Title of item 3').waitFor();
  assert.equal(await Promise.all([1, 2, 3].map((n) => page.getByLabel(`Title of item ${n}`).inputValue())), ['Wins', 'Wrap-up', 'Today']);
  await page.close();
});

test('auto-advance moves on when the box ends, only when switched on', async () => {
  assert.ok(browser);
  const page = await openPanel(browser);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByLabel('Title').fill('Auto');
  await page.getByRole('radio', { name: /Daily standup/ }).check();
  await page.getByRole('button', { name: 'Create meeting' }).click();
  await page.clock.pauseAt(T0 + 10 * MIN);
  await page.getByRole('button', { name: 'Start meeting' }).click();
  const auto = page.getByRole('checkbox', { name: 'Auto-advance' });
  assert.equal(await auto.isChecked(), false, 'off by default');
  await page.clock.fastForward(5 * MIN + 2_000);
  await page.getByText('Over time', { exact: true }).waitFor();
  assert.equal((await page.locator('#current-title').textContent())?.trim(), 'Yesterday');
  await auto.check();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await auto.uncheck();
  await settingStored(browser, 'autoAdvance', false);
  await page.close();
});

test('the popup shows the running meeting and its Next and Pause drive it', async () => {
  assert.ok(browser);
  const panel = await browser.page('side-panel/index.html');
  panel.setDefaultTimeout(10_000);
  await panel.getByRole('button', { name: 'New meeting' }).click();
  await panel.getByLabel('Title').fill('Popup run');
  await panel.getByRole('radio', { name: /Daily standup/ }).check();
  await panel.getByRole('button', { name: 'Create meeting' }).click();
  await panel.getByRole('button', { name: 'Start meeting' }).click();
  await panel.getByRole('heading', { name: 'Yesterday' }).waitFor();

  const popup = await browser.page('popup/index.html');
  popup.setDefaultTimeout(10_000);
  await popup.getByRole('heading', { name: 'Yesterday' }).waitFor();
  await popup.getByText('Popup run').waitFor();
  await popup.getByRole('button', { name: 'Next item' }).click();
  await popup.getByRole('heading', { name: 'Today' }).waitFor();
  await panel.getByRole('heading', { name: 'Today' }).waitFor();
  await popup.getByRole('button', { name: 'Pause' }).click();
  await panel.getByRole('timer', { name: /Paused/ }).waitFor();
  await shoot(popup, 'popup-paused');
  await popup.getByRole('button', { name: 'Open side panel' }).waitFor();
  await popup.close();
  await panel.getByRole('button', { name: 'End meeting' }).click();
  await panel.getByRole('heading', { name: 'Planned vs actual' }).waitFor();

  // With nothing running, the popup offers the next upcoming meeting.
  const idle = await browser.page('popup/index.html');
  await idle.getByRole('heading', { name: 'No meeting is running' }).waitFor({ timeout: 10_000 });
  await idle.close();
  await panel.close();
});

test.run();
