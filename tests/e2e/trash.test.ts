// Deleting in the real side panel at its width: a meeting deleted from the library offers Undo in
// a snackbar that has the keyboard focus and is announced; Undo brings it back. A deleted meeting
// waits in the Trash, which restores it or deletes it for good; a template deletes and undoes the
// same way; the trash survives a reload. axe checks the snackbar and the trash; the screenshots
// (focus on Undo, a long title, the empty trash) are for people to look at.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, startMeeting } from './helpers/extension-flows.ts';
import { seriousViolations } from './helpers/axe.ts';
import { shoot } from './helpers/screenshots.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const LONG_TITLE = 'Quarterly planning with the platform, design and support teams, including the roadmap review' as const;

const test = suite('e2e trash');
let browser: ExtensionBrowser | null = null;
let panel: Page | null = null;

function side(): Page {
  assert.ok(panel, 'the side panel is open');
  return panel;
}

async function liveText(page: Page): Promise<string> {
  return (await page.locator('[role="status"][aria-live="polite"]').textContent()) ?? '';
}

async function toLibrary(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByRole('button', { name: msg('libraryNew') }).waitFor();
}

const meetingLink = (page: Page, title: string) => page.getByRole('link', { name: new RegExp(`^${title}`) });
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

guardedSetup(test, async () => {
  browser = await launchExtension();
  await browser.context.setOffline(true);
  panel = await browser.context.newPage();
  panel.setDefaultTimeout(10_000);
  panel.on('pageerror', (e) => console.error('pageerror', e.message));
  await panel.setViewportSize({ width: 360, height: 720 });
  await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html`);
});

test.after(async () => {
  await browser?.close(true);
});

test('delete a meeting from the library, then Undo from the keyboard', async () => {
  const page = side();
  await createMeeting(page, 'Weekly sync');
  await createMeeting(page, LONG_TITLE);
  await toLibrary(page);
  await shoot(page, 'trash-library-long-title');

  await page.getByRole('button', { name: msg('libraryDeleteLabel', 'Weekly sync') }).focus();
  await page.keyboard.press('Enter');
  await meetingLink(page, 'Weekly sync').waitFor({ state: 'detached' });
  const snackbar = page.getByRole('group', { name: msg('libraryTrashMeetingDeleted') });
  await snackbar.waitFor();
  // The deleted row's button is gone: the focus is on Undo, and the live region said it.
  assert.is(await focusedText(page), msg('snackbarUndo'));
  assert.match(await liveText(page), new RegExp(msg('libraryTrashMeetingDeleted')));
  assert.equal(await seriousViolations(page), []);
  await shoot(page, 'trash-snackbar-undo-focus');

  await page.keyboard.press('Enter');
  await meetingLink(page, 'Weekly sync').waitFor();
  await snackbar.waitFor({ state: 'detached' });
  assert.match(await liveText(page), new RegExp(msg('libraryTrashRestored', 'Weekly sync')));
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('href')?.startsWith('#/meeting/')), true, 'focus on the restored row');
});

test('Escape closes the snackbar; the meeting stays in the trash, which restores it', async () => {
  const page = side();
  await page.getByRole('button', { name: msg('libraryDeleteLabel', LONG_TITLE) }).click();
  const snackbar = page.getByRole('group', { name: msg('libraryTrashMeetingDeleted') });
  await snackbar.waitFor();
  await page.keyboard.press('Escape');
  await snackbar.waitFor({ state: 'detached' });
  await meetingLink(page, LONG_TITLE).waitFor({ state: 'detached' });

  await page.getByRole('link', { name: new RegExp(`^${msg('libraryTrash')}`) }).click();
  await page.getByRole('heading', { name: msg('libraryTrash') }).waitFor();
  const row = page.locator('[data-trash]', { hasText: LONG_TITLE });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', new RegExp(msg('libraryTrashKindMeeting')));
  assert.equal(await seriousViolations(page), []);
  await shoot(page, 'trash-one-long-title');

  await row.getByRole('button', { name: msg('libraryTrashRestoreLabel', LONG_TITLE) }).click();
  await page.getByText(msg('libraryTrashEmpty')).waitFor();
  assert.equal(await seriousViolations(page), []);
  await shoot(page, 'trash-empty');
  await toLibrary(page);
  await meetingLink(page, LONG_TITLE).waitFor();
});

test('the trash survives a reload; Delete forever asks first, then removes it for good', async () => {
  const page = side();
  await page.getByRole('button', { name: msg('libraryDeleteLabel', 'Weekly sync') }).click();
  await page.getByRole('button', { name: msg('libraryDeleteLabel', LONG_TITLE) }).click();
  await page.getByText(msg('libraryEmptyTitle')).waitFor();
  await page.reload();
  await page.getByRole('button', { name: msg('libraryNew') }).waitFor();
  await page.getByText(msg('libraryEmptyTitle')).waitFor();
  await page.getByRole('link', { name: new RegExp(`^${msg('libraryTrash')}`) }).click();
  await page.locator('[data-trash]').nth(1).waitFor();
  // Most recently deleted first.
  assert.match((await page.locator('[data-trash]').first().textContent()) ?? '', new RegExp(LONG_TITLE));

  await page.getByRole('button', { name: msg('libraryTrashForeverLabel', 'Weekly sync') }).click();
  const keep = page.getByRole('button', { name: msg('libraryTrashKeep') });
  await keep.waitFor();
  assert.is(await focusedText(page), msg('libraryTrashKeep'));
  await page.keyboard.press('Escape');
  await keep.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: msg('libraryTrashForeverLabel', 'Weekly sync') }).click();
  await page.locator('[data-trash]', { hasText: 'Weekly sync' }).getByRole('button', { name: msg('libraryTrashForever'), exact: true }).click();
  await page.locator('[data-trash]', { hasText: 'Weekly sync' }).waitFor({ state: 'detached' });
  assert.match(await liveText(page), new RegExp(msg('libraryTrashDeletedForever', 'Weekly sync')));
  assert.is(await page.locator('[data-trash]').count(), 1);
});

test('a template deletes with Undo and waits in the trash too', async () => {
  const page = side();
  await page.evaluate(() => (location.hash = '#/templates'));
  await page.getByRole('button', { name: msg('templateCopyLabel', 'Retrospective') }).click();
  await page.waitForURL(/#\/template\//);
  await page.evaluate(() => (location.hash = '#/templates'));
  const name = msg('templateCopyName', 'Retrospective');
  await page.getByRole('button', { name: msg('templateDeleteLabel', name) }).click();
  await page.getByRole('group', { name: msg('libraryTrashTemplateDeleted') }).waitFor();
  assert.is(await page.getByRole('button', { name: msg('templateEditLabel', name) }).count(), 0);
  await page.getByRole('button', { name: msg('snackbarUndo') }).click();
  await page.getByRole('button', { name: msg('templateEditLabel', name) }).waitFor();
  assert.is(await page.evaluate(() => document.activeElement?.classList.contains('delete')), true, 'focus on the restored Delete');

  await page.getByRole('button', { name: msg('templateDeleteLabel', name) }).click();
  await page.evaluate(() => (location.hash = '#/trash'));
  const row = page.locator('[data-trash]', { hasText: name });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', new RegExp(msg('libraryTrashKindTemplate')));
  // The new-meeting form no longer offers it.
  await page.evaluate(() => (location.hash = '#/new'));
  await page.getByRole('radio', { name: /^Retrospective/ }).waitFor();
  assert.is(await page.getByRole('radio', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).count(), 0);
  await eventually(async () => (await page.getByRole('radio').count()) === 7, 'six built-ins and scratch');
});

test('deleting the running meeting lets go of it on this device; Undo takes it back', async () => {
  const page = side();
  const id = await createMeeting(page, 'Running when deleted');
  await startMeeting(page);
  const worker = await browser!.worker();
  const active = () => worker.evaluate(async () => ((await chrome.storage.local.get('activeMeeting')).activeMeeting as string | undefined) ?? null);
  await eventually(async () => (await active()) === id, 'the meeting to be active');
  await toLibrary(page);
  await page.getByRole('button', { name: msg('libraryDeleteLabel', 'Running when deleted') }).click();
  await page.getByRole('group', { name: msg('libraryTrashMeetingDeleted') }).waitFor();
  await eventually(async () => (await active()) === null, 'the active meeting to be let go');
  await page.keyboard.press('Enter');
  await meetingLink(page, 'Running when deleted').waitFor();
  await eventually(async () => (await active()) === id, 'the meeting to be active again');
});

test.run();
