// axe-core on every view of the side panel and the popup, in light and dark colour schemes:
// no serious or critical violation anywhere. Each state is also photographed at 360x800 for a
// person to look at (empty, normal, long title, overrun).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { seriousViolations } from './helpers/axe.ts';
import { shoot } from './helpers/screenshots.ts';

const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;
const LONG_TITLE = 'Quarterly planning with the platform, design and support teams, including the roadmap review' as const;

let browser: ExtensionBrowser | null = null;
let panel: Page | null = null;

async function open(b: ExtensionBrowser, path: string, time: number): Promise<Page> {
  const page = await b.context.newPage();
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.clock.install({ time });
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

async function clean(page: Page, view: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const problems = await seriousViolations(page);
    assert.equal(problems, [], `${view} (${colorScheme}): ${JSON.stringify(problems, null, 1)}`);
    await shoot(page, `${view}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

function side(): Page {
  assert.ok(panel, 'the side panel is open');
  return panel;
}

test.before(async () => {
  browser = await launchExtension();
  await browser.context.setOffline(true);
  panel = await open(browser, 'side-panel/index.html', T0);
});

test.after(async () => {
  await browser?.close(true);
});

test('library (empty) and new meeting', async () => {
  const page = side();
  await page.getByRole('heading', { name: 'No meetings yet' }).waitFor();
  await clean(page, 'library-empty');
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.getByRole('heading', { name: 'New meeting' }).waitFor();
  await clean(page, 'new-meeting');
});

test('agenda editor: normal, long title, plan too long', async () => {
  const page = side();
  await page.getByLabel('Title').fill(LONG_TITLE);
  await page.getByRole('radio', { name: /Weekly team meeting/ }).check();
  await page.getByRole('button', { name: 'Create meeting' }).click();
  await page.getByLabel('Title of item 1').waitFor();
  await clean(page, 'editor-long-title');
  await page.getByLabel('Length', { exact: true }).fill('30');
  await page.getByText(/too long/).waitFor();
  await clean(page, 'editor-plan-too-long');
  await page.getByLabel('Length', { exact: true }).fill('');
  await page.getByLabel('Length', { exact: true }).press('Tab');
});

test('share dialog (not signed in)', async () => {
  const page = side();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('dialog', { name: 'Share this meeting' }).waitFor();
  await page.getByText(/Sign in and turn sync on/).waitFor();
  await clean(page, 'share-dialog');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
});

test('run view: normal, overrun, and the popup', async () => {
  const page = side();
  await page.clock.pauseAt(T0 + MIN);
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await page.getByRole('button', { name: /Next item/ }).waitFor();
  // axe schedules its work with timers, so the page clock runs again from here.
  await page.clock.resume();
  await clean(page, 'run');

  assert.ok(browser);
  const popup = await open(browser, 'popup/index.html', T0 + 2 * MIN);
  await popup.getByRole('button', { name: /Next item/ }).waitFor();
  await clean(popup, 'popup-running');
  await popup.close();

  await page.clock.fastForward(65 * MIN);
  await page.getByText('Over time', { exact: true }).waitFor();
  await page.getByText(/Meeting over time by/).waitFor();
  await clean(page, 'run-overrun');
});

test('report and library (full)', async () => {
  const page = side();
  await page.getByRole('button', { name: 'End meeting' }).click();
  await page.getByRole('heading', { name: 'Planned vs actual' }).waitFor();
  await clean(page, 'report');
  // Ended on its first item: nothing was moved past, so every item may carry over; one is
  // ticked off here and stays behind.
  const carry = page.getByRole('group', { name: 'Carry over to the follow-up' });
  assert.equal(await carry.getByRole('checkbox', { checked: true }).count(), 6);
  await carry.getByRole('checkbox', { name: 'Wrap-up' }).uncheck();
  await page.getByRole('button', { name: 'Schedule follow-up' }).click();
  await page.getByLabel('Date', { exact: true }).waitFor();
  await clean(page, 'follow-up-form');
  await page.getByRole('button', { name: 'Create follow-up' }).click();
  await page.getByRole('button', { name: 'Start meeting' }).waitFor();
  await page.getByLabel('Title of item 5').waitFor();
  assert.equal(await page.getByLabel('Title of item 6').count(), 0);
  assert.equal(await page.getByLabel('Title of item 5').inputValue(), 'Open questions');
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('region', { name: /Past/ }).waitFor();
  await page.getByRole('region', { name: /Upcoming/ }).waitFor();
  await clean(page, 'library-full');
  await page.getByLabel('Search meetings').fill('no such meeting');
  await page.getByText(/No meeting matches/).waitFor();
  await page.getByLabel('Search meetings').fill('');
});

test('templates list and editor', async () => {
  const page = side();
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('heading', { name: 'Templates' }).waitFor();
  await clean(page, 'templates');
  await page.getByRole('button', { name: 'Copy Retrospective to your templates' }).click();
  await page.getByRole('heading', { name: 'Edit template' }).waitFor();
  await clean(page, 'template-editor');
  const titles = () => page.locator('form.tpl input.title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  // Drag the third item's grip onto the first; the up/down buttons still work alongside.
  await page.locator('[data-grip="2"]').dragTo(page.locator('form.tpl ol > li').first());
  assert.equal((await titles()).slice(0, 3), ['What did not go well', 'Set the stage', 'What went well']);
  await page.getByRole('button', { name: 'Move Set the stage down' }).click();
  assert.equal((await titles()).slice(0, 3), ['What did not go well', 'What went well', 'Set the stage']);
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByRole('button', { name: /^Edit Retrospective/ }).click();
  await page.getByLabel('Title of item 1').waitFor();
  assert.equal((await titles()).slice(0, 3), ['What did not go well', 'What went well', 'Set the stage']);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Deleting needs no dialog (native or inline): it moves the template to the trash and the
  // snackbar offers Undo, with the focus on it.
  let nativeDialogs = 0;
  page.on('dialog', (d) => { nativeDialogs++; void d.dismiss(); });
  const deleteButton = page.getByRole('button', { name: /^Delete Retrospective/ });
  await deleteButton.click();
  const snackbar = page.getByRole('group', { name: 'Template deleted' });
  await snackbar.waitFor();
  assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Undo/);
  await clean(page, 'template-deleted-snackbar');
  await page.keyboard.press('Enter');
  await snackbar.waitFor({ state: 'detached' });
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Delete Retrospective/);
  await deleteButton.click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await deleteButton.waitFor({ state: 'detached' });
  assert.is(await page.getByText('Retrospective (mine)', { exact: true }).count(), 0);
  assert.is(nativeDialogs, 0);
});

// Presses Tab until the focused element's accessible label or text matches; bounded.
async function tabTo(page: Page, name: RegExp): Promise<void> {
  const MAX_TABS = 60;
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '' : '';
    });
    if (name.test(label.trim())) return;
  }
  assert.unreachable(`no focusable element named ${name} within ${MAX_TABS} tabs`);
}

test('keyboard only: create from a template, start, advance, end', async () => {
  assert.ok(browser);
  const page = await open(browser, 'side-panel/index.html', T0 + 2 * 60 * MIN);
  await page.getByRole('button', { name: 'New meeting' }).waitFor();
  await tabTo(page, /^New meeting$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^Title$/);
  await page.keyboard.type('Keyboard meeting');
  await tabTo(page, /^Empty agenda/);
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: /Daily standup/ }).isChecked());
  await tabTo(page, /^Create meeting$/);
  await page.keyboard.press('Enter');
  await page.getByLabel('Title of item 1').waitFor();
  await tabTo(page, /Start meeting/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Yesterday' }).waitFor();
  await page.keyboard.press('Alt+ArrowRight');
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await tabTo(page, /^End meeting$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Planned vs actual' }).waitFor();
  await page.close();
});

test('popup with nothing running', async () => {
  assert.ok(browser);
  const popup = await open(browser, 'popup/index.html', T0 + 60 * MIN);
  await popup.getByRole('heading', { name: 'No meeting is running' }).waitFor();
  await clean(popup, 'popup-idle');
  await popup.close();
});

test.run();
