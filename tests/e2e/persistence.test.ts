// Everything is in IndexedDB and chrome.storage: close the browser, relaunch on the same
// profile, and the meeting, its agenda and the running clock are all still there.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, newProfileDir, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, openMeeting, shownClock, startMeeting } from './helpers/extension-flows.ts';

const test = suite<{ browser: ExtensionBrowser | null; profile: string }>('e2e persistence', { browser: null, profile: newProfileDir() });

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

test('a meeting survives a browser restart, still running on the same clock', async (ctx) => {
  ctx.browser = await launchExtension(ctx.profile);
  const panel = await ctx.browser.page('side-panel/index.html');
  const id = await createMeeting(panel, 'Restart survivor', 'Retrospective');
  await startMeeting(panel);
  const before = await shownClock(panel);
  await ctx.browser.close();

  ctx.browser = await launchExtension(ctx.profile);
  const again = await ctx.browser.page('side-panel/index.html');
  await again.getByText('Restart survivor').first().waitFor({ timeout: 15_000 });
  await openMeeting(again, id);
  const after = await eventually(async () => shownClock(again), 'running clock after restart');
  assert.is(after.item, before.item);
  assert.ok(after.remainingSec <= before.remainingSec && after.remainingSec > before.remainingSec - 60, JSON.stringify({ before, after }));
  const active = await (await ctx.browser.worker()).evaluate(async () => (await chrome.storage.local.get('activeMeeting')).activeMeeting);
  assert.is(active, id);
  await eventually(async () => (await (await ctx.browser!.worker()).evaluate(() => chrome.action.getBadgeText({}))) !== '', 'badge restored');
});

test.run();
