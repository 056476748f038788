// Scheduling a follow-up in the real side panel: the report asks for a date and time (native
// inputs, proposed for the same time next week, reachable with Tab), the new meeting is titled
// "<title> (follow-up)" and scheduled then, each meeting links to the other, and the open action
// carried over is listed apart with its owner and due date. The page's clock is Playwright's, so
// the proposed time is known.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, msg } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { seriousViolations } from './helpers/axe.ts';
import { join } from 'node:path';
import { SCREENSHOT_DIR, shoot } from './helpers/screenshots.ts';

const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;
const WEEK = 7 * 24 * 60 * MIN;

const test = suite<{ browser: ExtensionBrowser | null; page: Page | null }>('e2e follow-up', { browser: null, page: null });

guardedSetup(test, async (ctx) => {
  ctx.browser = await launchExtension();
  await ctx.browser.context.setOffline(true);
  const page = await ctx.browser.context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.setViewportSize({ width: 360, height: 720 });
  await page.clock.install({ time: T0 });
  await page.goto(`chrome-extension://${ctx.browser.extensionId}/side-panel/index.html`);
  ctx.page = page;
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

/** The local date and time input values of a moment, as the page's own time zone writes them. */
function inputValues(page: Page, ms: number): Promise<{ date: string; time: string }> {
  // No named helpers inside: the function is sent to the page as text.
  return page.evaluate((at) => {
    const d = new Date(at);
    const [mo, da, h, mi] = [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()].map((n) => String(n).padStart(2, '0'));
    return { date: `${d.getFullYear()}-${mo}-${da}`, time: `${h}:${mi}` };
  }, ms);
}

test('the follow-up asks for a date, takes the title, links both ways and shows the carried action', async ({ page: p }) => {
  const page = p!;
  const originalId = await createMeeting(page, 'Design review');
  await page.clock.pauseAt(T0 + MIN);
  await page.getByRole('button', { name: msg('meetingStart') }).click();
  await page.getByRole('timer').first().waitFor();
  await page.getByLabel(msg('actionNew'), { exact: true }).fill('Send the mock-ups');
  await page.getByLabel(msg('actionOwnerLabel')).fill('Ana');
  await page.getByLabel(msg('actionDueLabel')).fill('2026-03-20');
  await page.locator('.actions form button[type="submit"]').click();
  await page.getByText('Send the mock-ups').waitFor();
  await page.getByRole('button', { name: msg('runEnd') }).click();
  await page.getByRole('heading', { name: msg('reportChartTitle') }).waitFor();
  await page.clock.resume();

  // The form: title proposed, date and time a week after the start, focus on its first field.
  await page.getByRole('button', { name: msg('reportFollowUp') }).click();
  const title = page.getByRole('form', { name: msg('followUpHeading') }).getByLabel(msg('meetingTitleLabel'));
  await title.waitFor();
  assert.is(await title.inputValue(), msg('followUpTitle', 'Design review'));
  assert.is(await page.evaluate(() => document.activeElement?.tagName), 'INPUT');
  const proposed = await inputValues(page, T0 + MIN + WEEK);
  const date = page.getByLabel(msg('followUpDate'), { exact: true });
  const time = page.getByLabel(msg('followUpTime'), { exact: true });
  assert.equal([await date.inputValue(), await time.inputValue()], [proposed.date, proposed.time]);
  assert.equal(await seriousViolations(page), []);
  await shoot(page, 'follow-up-form');
  // Reachable from the keyboard in reading order: title, date, time.
  await page.keyboard.press('Tab');
  assert.is(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), 'date');
  // Tab walks the date's own fields (and its picker) before it reaches the time.
  const focusedType = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type);
  for (let i = 0; i < 6 && (await focusedType()) === 'date'; i++) await page.keyboard.press('Tab');
  assert.is(await focusedType(), 'time');
  // Escape closes it and gives the focus back to its button; opening again proposes afresh.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: msg('reportFollowUp') }).waitFor();
  assert.is(await page.evaluate(() => document.activeElement?.textContent?.trim()), msg('reportFollowUp'));
  await page.keyboard.press('Enter');
  await date.fill('2026-03-16');
  await time.fill('14:30');
  await page.getByRole('button', { name: msg('followUpCreate') }).click();

  await page.waitForURL((url) => /#\/meeting\//.test(url.hash) && !url.hash.endsWith(originalId));
  const followUpId = page.url().split('#/meeting/')[1]!;
  const meetingTitle = page.getByLabel(msg('meetingTitleLabel'), { exact: true });
  await meetingTitle.waitFor();
  assert.is(await meetingTitle.inputValue(), 'Design review (follow-up)');
  const scheduled = await inputValues(page, new Date(2026, 2, 16, 14, 30).getTime());
  assert.is(await page.getByLabel(msg('meetingWhenLabel')).inputValue(), `${scheduled.date}T${scheduled.time}`);

  // The carried action, apart, with its owner and due date.
  const carried = page.getByRole('list', { name: msg('actionsCarriedOver') });
  await carried.waitFor();
  const row = carried.getByRole('listitem').filter({ hasText: 'Send the mock-ups' });
  assert.match((await row.textContent()) ?? '', /Ana/);
  assert.match((await row.textContent()) ?? '', new RegExp(msg('actionDue', '2026-03-20')));

  // Links both ways.
  const links = page.getByRole('navigation', { name: msg('followUpLinks') });
  assert.match((await links.textContent()) ?? '', new RegExp(msg('followUpOfLabel')));
  await shoot(page, 'follow-up-editor');
  // A full-page shot draws the sticky Start bar over the list; this one shows it as scrolled to.
  await carried.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'follow-up-carried-scrolled.png') });
  await links.getByRole('link', { name: 'Design review' }).click();
  await page.waitForURL((url) => url.hash.endsWith(originalId));
  await page.getByRole('heading', { name: msg('reportChartTitle') }).waitFor();
  const back = page.getByRole('navigation', { name: msg('followUpLinks') });
  assert.match((await back.textContent()) ?? '', new RegExp(msg('followUpLabel')));
  await shoot(page, 'follow-up-original-report');
  await back.getByRole('link', { name: 'Design review (follow-up)' }).click();
  await page.waitForURL((url) => url.hash.endsWith(followUpId));
  await page.getByRole('list', { name: msg('actionsCarriedOver') }).waitFor();
});

test('a follow-up whose title is cleared stays untitled: shown as a placeholder, never stored as text', async ({ page: p }) => {
  const page = p!;
  await createMeeting(page, 'Weekly sync');
  await page.getByRole('button', { name: msg('meetingStart') }).click();
  await page.getByRole('timer').first().waitFor();
  await page.getByRole('button', { name: msg('runEnd') }).click();
  await page.getByRole('button', { name: msg('reportFollowUp') }).click();
  const title = page.getByRole('form', { name: msg('followUpHeading') }).getByLabel(msg('meetingTitleLabel'));
  await title.fill('');
  assert.is(await title.getAttribute('placeholder'), msg('meetingUntitled'));
  const originalUrl = page.url();
  await page.getByRole('button', { name: msg('followUpCreate') }).click();
  await page.waitForURL((url) => /#\/meeting\//.test(url.hash) && url.href !== originalUrl);
  const meetingTitle = page.getByLabel(msg('meetingTitleLabel'), { exact: true });
  assert.is(await meetingTitle.inputValue(), '');
  assert.is(await meetingTitle.getAttribute('placeholder'), msg('meetingUntitled'));
});

test.run();
