// The extension in German at 400 px: library, editor, a run with an overrun item, the report and
// its follow-up form, the templates and a template's editor, the trash empty and holding a meeting
// and a template, the deletion's undo bar, the popup and the options page all show their
// labels whole, nothing cut off and nothing spilling, and they really are German (the browser's
// UI language picks the locale). The screenshots are for people to look at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { DIST, launchExtension, newProfileDir, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { overflowingLabels } from './helpers/layout-overflow.ts';
import { messagesIn } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';

const WIDTH = 400;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;
const msg = messagesIn('de');

let browser: ExtensionBrowser | null = null;

async function open(b: ExtensionBrowser, path: string, height = 800): Promise<Page> {
  const page = await b.context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.setViewportSize({ width: WIDTH, height });
  await page.clock.install({ time: T0 });
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

async function checkLayout(page: Page, name: string): Promise<void> {
  await shoot(page, `de-400-${name}`);
  const found = await overflowingLabels(page);
  assert.equal(found.map((o) => `${o.what} "${o.text}": ${o.how}`), [], `${name}: truncated or overflowing labels`);
}

test.after(async () => {
  await browser?.close(true);
});

test('German at 400 px: no truncated or overflowing label in the side panel, popup and options', async () => {
  browser = await launchExtension(newProfileDir(), DIST, { lang: 'de' });
  await browser.context.setOffline(true);
  const panel = await open(browser, 'side-panel/index.html');

  await panel.getByRole('button', { name: msg('libraryNew') }).waitFor();
  assert.is(await panel.evaluate(() => chrome.i18n.getMessage('intlLocale')), 'de');
  assert.is(await panel.evaluate(() => document.documentElement.lang), 'de');
  await checkLayout(panel, 'library-empty');

  await panel.getByRole('button', { name: msg('libraryNew') }).click();
  await panel.getByLabel(msg('meetingTitleLabel'), { exact: true }).fill('Wochenrunde');
  await panel.getByRole('radio').nth(1).check();
  await checkLayout(panel, 'new-meeting');
  await panel.getByRole('button', { name: msg('newCreate') }).click();
  await panel.waitForURL(/#\/meeting\/[A-Za-z0-9_-]+$/);
  await panel.getByLabel(msg('agendaTitleLabel', '1')).waitFor();
  await checkLayout(panel, 'editor');

  await panel.clock.pauseAt(T0 + MIN);
  await panel.getByRole('button', { name: msg('meetingStart') }).click();
  await panel.getByRole('timer').first().waitFor();
  // Well past the first item's time box: the run view shows the overrun.
  await panel.clock.fastForward(20 * MIN);
  await panel.getByText(msg('clockOver')).first().waitFor();
  await checkLayout(panel, 'run-overrun');

  const popup = await open(browser, 'popup/index.html', 600);
  await popup.locator('main.popup').waitFor();
  await popup.getByRole('button', { name: msg('popupOpenPanel') }).waitFor();
  assert.is(await popup.evaluate(() => document.documentElement.lang), 'de');
  await checkLayout(popup, 'popup-running');
  await popup.close();

  await panel.getByRole('button', { name: msg('runEnd') }).click();
  await panel.getByText(msg('reportChartTitle')).first().waitFor();
  // Durations in German too, not only the words around them.
  await panel.getByText(`${msg('reportPlanned')}15 Min.`).or(panel.locator('dd', { hasText: '15 Min.' })).first().waitFor();
  await checkLayout(panel, 'report');
  await panel.getByRole('button', { name: msg('reportFollowUp') }).click();
  await panel.getByLabel(msg('followUpDate'), { exact: true }).waitFor();
  await checkLayout(panel, 'follow-up-form');
  await panel.getByRole('button', { name: msg('cancel') }).click();

  await panel.getByRole('button', { name: msg('navLibrary') }).click();
  await panel.getByText('Wochenrunde').first().waitFor();
  await checkLayout(panel, 'library');

  await panel.getByRole('button', { name: msg('libraryTemplates') }).click();
  await checkLayout(panel, 'templates');

  await panel.evaluate(() => (location.hash = '#/trash'));
  await panel.getByText(msg('libraryTrashEmpty')).waitFor();
  await checkLayout(panel, 'trash-empty');

  // An own template in its editor, with a long item title and a duration typed in.
  await panel.evaluate(() => (location.hash = '#/template/new'));
  await panel.getByLabel(msg('templateName')).fill('Quartalsplanung mit Abteilungsleitungen');
  await panel.getByRole('button', { name: msg('agendaAddItem') }).click();
  await panel.getByLabel(msg('agendaTitleLabel', '1')).fill('Rückblick auf die Zielvereinbarungen des Vorquartals');
  await checkLayout(panel, 'template-editor');
  await panel.getByRole('button', { name: msg('templateSave') }).click();
  await panel.getByRole('button', { name: msg('templateEditLabel', 'Quartalsplanung mit Abteilungsleitungen') }).waitFor();

  // The trash with a meeting and a template in it, and the snackbar that offers the undo.
  await panel.getByRole('button', { name: msg('navLibrary') }).click();
  await panel.getByRole('button', { name: msg('libraryDeleteLabel', 'Wochenrunde') }).click();
  await panel.getByRole('group', { name: msg('libraryTrashMeetingDeleted') }).waitFor();
  await checkLayout(panel, 'library-deleted-snackbar');
  await panel.getByRole('button', { name: msg('libraryTemplates') }).click();
  await panel.getByRole('button', { name: msg('templateDeleteLabel', 'Quartalsplanung mit Abteilungsleitungen') }).click();
  await panel.evaluate(() => (location.hash = '#/trash'));
  await panel.getByRole('button', { name: msg('libraryTrashRestoreLabel', 'Wochenrunde') }).waitFor();
  await checkLayout(panel, 'trash');

  const idlePopup = await open(browser, 'popup/index.html', 600);
  await idlePopup.getByText(msg('popupNothingRunning')).waitFor();
  await checkLayout(idlePopup, 'popup-idle');

  const options = await open(browser, 'options/index.html');
  await options.getByLabel(msg('optRelayUrl')).waitFor();
  assert.is(await options.evaluate(() => document.documentElement.lang), 'de');
  await checkLayout(options, 'options');

  // The check itself sees a cut label and a spilling one.
  await options.evaluate(() => {
    const cut = Object.assign(document.createElement('p'), { textContent: 'Besprechungsnotizen und Tagesordnung' });
    cut.style.cssText = 'width: 60px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
    const spill = Object.assign(document.createElement('div'), { textContent: 'Tagesordnungspunktbeschreibung' });
    spill.style.cssText = 'width: 40px; white-space: nowrap';
    document.body.append(cut, spill);
  });
  const hows = (await overflowingLabels(options)).map((o) => o.how);
  assert.ok(hows.includes('ellipsis'), hows.join());
  assert.ok(hows.some((h) => h.startsWith('spills')), hows.join());
});

test.run();
