// Two contexts of one profile change the settings at once: the options page patches one field
// while another context (here the side panel, standing in for the worker or a second window)
// is in the middle of its own read-modify-write of the same record. Neither change is lost.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { eventually, msg, storedSettings } from './helpers/extension-flows.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e settings written from two contexts', { browser: null });

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

// The other context reads the record under the profile's settings lock, waits to be released,
// then writes what it read with its own change: what updateSettings does, slowed down.
const HOLD_AND_PATCH = `new Promise((read) => {
  navigator.locks.request('storage:settings', async () => {
    const stale = (await chrome.storage.local.get('settings')).settings ?? {};
    read();
    await new Promise((release) => (globalThis.releaseSettings = release));
    await chrome.storage.local.set({ settings: { ...stale, warnMinutes: 5 } });
  });
})`;

const WAITING_OR_WRITTEN = `(async () => {
  const waiting = (await navigator.locks.query()).pending.some((lock) => lock.name === 'storage:settings');
  const written = (await chrome.storage.local.get('settings')).settings?.chimeEnabled === false;
  return waiting || written;
})()`;

test('a patch from the options page made during another context’s update keeps both changes', async (ctx) => {
  ctx.browser = await launchExtension();
  const options = await ctx.browser.page('options/index.html');
  const chime = options.getByLabel(msg('optChime'));
  assert.ok(await chime.isChecked(), 'the chime starts on');
  const other = await ctx.browser.page('side-panel/index.html');
  await other.evaluate(HOLD_AND_PATCH);

  await chime.uncheck();
  await eventually(() => options.evaluate(WAITING_OR_WRITTEN) as Promise<boolean>, 'the options page’s patch waiting or written');
  await other.evaluate(`globalThis.releaseSettings()`);

  const worker = await ctx.browser.worker();
  const both = await eventually(async () => {
    const s = await storedSettings(worker);
    return s.warnMinutes === 5 && s.chimeEnabled !== undefined ? s : null;
  }, 'both writes stored: the options page’s chimeEnabled false and the other context’s warnMinutes 5');
  assert.is(both.chimeEnabled, false, 'the options page’s change survives the other context’s update');
  assert.not.ok(await chime.isChecked());
});

test.run();
