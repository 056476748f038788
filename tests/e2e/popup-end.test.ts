// A meeting ended from the popup while the side panel shows the library (Finish on its last item):
// the library moves it from "Running now" to "Past", and the popup lets it go, as when it is
// ended in the side panel. The background, which follows the active meeting, records the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, startMeeting } from './helpers/extension-flows.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e popup end', { browser: null });

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

test('Finish on the last item in the popup ends the meeting; the library lists it as past', async (ctx) => {
  const browser = (ctx.browser = await launchExtension());
  const panel = await browser.page('side-panel/index.html');
  const id = await createMeeting(panel, 'Ended from the popup');
  await startMeeting(panel);
  await panel.getByRole('button', { name: msg('navLibrary') }).click();
  const group = (key: string) => panel.locator(`section[aria-labelledby="group-${key}"]`);
  await group('libraryRunning').locator(`[data-meeting="${id}"]`).waitFor();

  const popup = await browser.page('popup/index.html');
  for (const [item, button] of [['Yesterday', 'runNext'], ['Today', 'runNext'], ['Blockers', 'runFinish']] as const) {
    await popup.getByRole('heading', { name: item }).waitFor();
    await popup.getByRole('button', { name: msg(button), exact: true }).click();
  }
  await popup.getByText(msg('popupNothingRunning')).waitFor();
  await group('libraryPast').locator(`[data-meeting="${id}"]`).waitFor();
  assert.is(await group('libraryRunning').count(), 0, 'nothing listed as running');
  const active = await eventually(async () => {
    const worker = await browser.worker();
    const stored = (await worker.evaluate(() => chrome.storage.local.get('activeMeeting'))) as { activeMeeting?: string };
    return stored.activeMeeting === undefined ? 'cleared' : null;
  }, 'the active meeting cleared');
  assert.is(active, 'cleared');
});

test.run();
