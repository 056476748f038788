// One meeting from an empty form to its report, through the fields a person types in: a title
// left empty stays empty (the editor shows "Untitled meeting" as its placeholder, the library
// and the report name it so), time boxes take m:ss or minutes ("0:06" and "0.1" are both six
// seconds, shown 0:06, and the clock runs them so), unreadable time boxes are refused inline,
// and the finished report shows its decisions and actions without fields or remove buttons until
// Edit, where a record is removed by its own button.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { msg } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { shoot } from './helpers/screenshots.ts';

const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const test = suite<{ browser: ExtensionBrowser | null; page: Page | null }>('e2e meeting fields', { browser: null, page: null });

guardedSetup(test, async (ctx) => {
  ctx.browser = await launchExtension();
  await ctx.browser.context.setOffline(true);
  const page = await ctx.browser.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.setViewportSize({ width: 400, height: 800 });
  await page.clock.install({ time: T0 });
  await page.goto(`chrome-extension://${ctx.browser.extensionId}/side-panel/index.html#/new`);
  ctx.page = page;
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

const titleField = (page: Page) => page.getByLabel(msg('meetingTitleLabel'), { exact: true });
const timeBox = (page: Page, title: string) => page.getByLabel(msg('agendaMinutesLabel', title));

test('a meeting made with no title keeps it empty and is named "Untitled meeting" where shown', async ({ page }) => {
  const p = page!;
  await p.getByRole('button', { name: msg('newCreate') }).click();
  await p.waitForURL(/#\/meeting\/[A-Za-z0-9_-]+$/);
  await titleField(p).waitFor();
  assert.is(await titleField(p).inputValue(), '');
  assert.is(await titleField(p).getAttribute('placeholder'), msg('meetingUntitled'));
  // Read back from storage, not from the form: still empty.
  await p.reload();
  await titleField(p).waitFor();
  assert.is(await titleField(p).inputValue(), '');
  await p.getByRole('button', { name: msg('navLibrary') }).click();
  await p.getByText(msg('meetingUntitled')).first().waitFor();
  await p.goBack();
  await titleField(p).waitFor();
});

test('time boxes and the meeting length take "0:06" and "0.1" as six seconds and show 0:06; garbage is refused inline', async ({ page }) => {
  const p = page!;
  for (const title of ['Intro', 'Outro']) {
    await p.getByRole('button', { name: msg('agendaAddItem') }).click();
    await p.keyboard.type(title);
  }
  await timeBox(p, 'Intro').fill('0:06');
  await timeBox(p, 'Intro').press('Tab');
  assert.is(await timeBox(p, 'Intro').inputValue(), '0:06');
  await timeBox(p, 'Outro').fill('0.1');
  await timeBox(p, 'Outro').press('Enter');
  assert.is(await timeBox(p, 'Outro').inputValue(), '0:06');

  // Unreadable text: said next to the field, nothing kept; Escape puts the kept value back.
  await timeBox(p, 'Outro').fill('soon');
  await timeBox(p, 'Outro').press('Enter');
  await p.getByRole('alert').filter({ hasText: msg('durationInvalid') }).waitFor();
  assert.is(await timeBox(p, 'Outro').getAttribute('aria-invalid'), 'true');
  await shoot(p, 'time-box-refused');
  await timeBox(p, 'Outro').press('Escape');
  assert.is(await timeBox(p, 'Outro').inputValue(), '0:06');
  assert.is(await p.getByRole('alert').filter({ hasText: msg('durationInvalid') }).count(), 0);

  // The booked length takes the same forms; left empty it is the agenda's length, shown as its
  // placeholder.
  const length = p.getByLabel(msg('meetingLengthLabel'), { exact: true });
  assert.is(await length.inputValue(), '');
  assert.is(await length.getAttribute('placeholder'), '0:12');
  await length.fill('0.1');
  await length.press('Enter');
  assert.is(await length.inputValue(), '0:06');
  // The plan says the agenda is too long for it, in seconds, not as "0 min".
  const plan = p.getByRole('status').filter({ hasText: /too long/ });
  await plan.waitFor();
  assert.not.match((await plan.textContent()) ?? '', /\b0 min\b/);
  await shoot(p, 'meeting-length-seconds');
  await length.fill('45');
  await length.press('Tab');
  assert.is(await length.inputValue(), '45:00');
  await length.fill('');
  await length.press('Tab');
  assert.is(await length.inputValue(), '');
  await p.reload();
  await length.waitFor();
  assert.is(await length.inputValue(), '', 'cleared in the document, not only in the field');

  // The clock runs what the fields say: six seconds each.
  await p.clock.pauseAt(T0 + 60_000);
  await p.getByRole('button', { name: msg('meetingStart') }).click();
  await p.getByRole('timer', { name: /0:06 left/ }).first().waitFor();
  await p.getByRole('button', { name: msg('runNext'), exact: true }).click();
  await p.locator('#current-title', { hasText: 'Outro' }).waitFor();
  await p.getByRole('timer', { name: /0:06 left/ }).first().waitFor();
});

test('the finished report shows no fields until Edit, and none again after Done', async ({ page }) => {
  const p = page!;
  await p.getByRole('button', { name: msg('runEnd') }).click();
  await p.getByText(msg('reportChartTitle')).first().waitFor();
  await p.getByRole('heading', { name: msg('meetingUntitled'), level: 1 }).waitFor();
  const decision = p.getByLabel(msg('decisionNew'));
  assert.is(await decision.count(), 0);
  assert.is(await p.getByLabel(msg('actionNew'), { exact: true }).count(), 0);
  assert.is(await p.locator('.report input:not([type="checkbox"])').count(), 0);
  await shoot(p, 'report-finished');

  await p.getByRole('button', { name: msg('reportEdit') }).click();
  await decision.waitFor();
  assert.ok(await decision.evaluate((el) => el === document.activeElement), 'focus moves to the first field');
  await decision.fill('Ship on Friday');
  await decision.press('Enter');
  await p.getByText('Ship on Friday').waitFor();
  await shoot(p, 'report-editing');
  // A record added by mistake goes again by its own remove button, named for it.
  await decision.fill('Drop the beta');
  await decision.press('Enter');
  await p.getByRole('button', { name: msg('decisionRemove', 'Drop the beta') }).click();
  await p.getByText('Drop the beta').waitFor({ state: 'detached' });
  const action = p.getByLabel(msg('actionNew'), { exact: true });
  await action.fill('Book the room');
  await action.press('Enter');
  await p.getByRole('button', { name: msg('actionRemove', 'Book the room') }).click();
  await p.getByText('Book the room').waitFor({ state: 'detached' });
  await p.getByText('Ship on Friday').waitFor();

  await p.getByRole('button', { name: msg('reportEditDone') }).click();
  await p.getByRole('button', { name: msg('reportEdit') }).waitFor();
  assert.is(await decision.count(), 0);
  await p.getByText('Ship on Friday').waitFor();
  assert.is(await p.getByRole('button', { name: msg('decisionRemove', 'Ship on Friday') }).count(), 0, 'a read-only list has no remove button');
  assert.ok(await p.getByRole('button', { name: msg('reportEdit') }).evaluate((el) => el === document.activeElement), 'focus returns to Edit');
});

test('an own template keeps its time boxes in seconds: "1.5" is 1:30 when it is edited again', async ({ page }) => {
  const p = page!;
  await p.evaluate(() => (location.hash = '#/template/new'));
  await p.getByLabel(msg('templateName')).fill('Quick check');
  await p.getByRole('button', { name: msg('agendaAddItem') }).click();
  await p.getByLabel(msg('agendaTitleLabel', '1')).fill('Numbers');
  await timeBox(p, 'Numbers').fill('1.5');
  await timeBox(p, 'Numbers').press('Tab');
  assert.is(await timeBox(p, 'Numbers').inputValue(), '1:30');
  await p.getByRole('button', { name: msg('templateSave') }).click();
  await p.getByRole('button', { name: msg('templateEditLabel', 'Quick check') }).click();
  await timeBox(p, 'Numbers').waitFor();
  assert.is(await timeBox(p, 'Numbers').inputValue(), '1:30');
});

test.run();
