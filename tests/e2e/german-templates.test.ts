// A browser whose UI is German lists the built-in templates in German, and a meeting made from
// one takes its German titles and prompts at creation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEMPLATE_TEXTS_DE } from '../../crdt/builtin-template-texts-de.ts';
import { DIST, launchExtension, newProfileDir, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { messagesIn } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';

const msg = messagesIn('de');

let browser: ExtensionBrowser | null = null;

test.after(async () => {
  await browser?.close(true);
});

test('German UI: German built-in templates, and a meeting from one has German titles', async () => {
  browser = await launchExtension(newProfileDir(), DIST, { lang: 'de' });
  await browser.context.setOffline(true);
  const panel = await browser.context.newPage();
  panel.setDefaultTimeout(15_000);
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html#/new`);

  const retro = TEMPLATE_TEXTS_DE['builtin-retrospective'];
  const choice = panel.getByRole('radio', { name: new RegExp(`^${retro.name}`) });
  await choice.waitFor();
  for (const t of Object.values(TEMPLATE_TEXTS_DE)) await panel.getByText(t.name, { exact: true }).first().waitFor();
  assert.is(await panel.getByText('Daily standup', { exact: true }).count(), 0);
  await choice.check();
  await shoot(panel, 'de-new-meeting-templates');
  await panel.getByRole('button', { name: msg('newCreate') }).click();
  await panel.waitForURL(/#\/meeting\/[A-Za-z0-9_-]+$/);
  await panel.getByLabel(msg('agendaTitleLabel', '1')).waitFor();

  const titles = await panel.locator('ol.agenda input.title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  assert.equal(titles, retro.items.map(([title]) => title));
  assert.is(await panel.getByLabel(msg('meetingTitleLabel'), { exact: true }).inputValue(), retro.name);
  await shoot(panel, 'de-template-meeting');
});

test.run();
