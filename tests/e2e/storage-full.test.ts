// When this browser refuses to store changes (the origin's quota used up, as a full disk does),
// the side panel (and the popup, for what it changes) says so instead of losing them silently, and once there is room again what was
// typed meanwhile is stored: the meetings, opened again, still have it, a meeting made while full
// included. The quota is lowered for
// real through the DevTools protocol (Storage.overrideQuotaForOrigin), so IndexedDB itself
// refuses the writes. Chromium checks the quota against room it granted the origin earlier, for
// as long as any of the origin's databases stays open, so every page and the service worker are
// closed first and the quota is lowered once the origin's storage has let go.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, msg, openMeeting } from './helpers/extension-flows.ts';
import { shoot } from './helpers/screenshots.ts';

const test = suite<{ browser: ExtensionBrowser | null }>('e2e storage full', { browser: null });

test.after(async (ctx) => {
  await ctx.browser?.close(true);
});

const notes = (p: Page) => p.getByLabel(msg('meetingNotesTitle'), { exact: true });
/** Longer than Chromium keeps an origin's storage open after its last database closes. */
const STORAGE_RELEASE_MS = 3_000;

async function setQuota(cdp: CDPSession, origin: string, quotaSize?: number): Promise<void> {
  await cdp.send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin } : { origin, quotaSize });
}

test('changes the browser refuses to store are announced, kept, and stored once there is room', async (ctx) => {
  const browser = (ctx.browser = await launchExtension());
  const origin = `chrome-extension://${browser.extensionId}`;
  const panel = await browser.page('side-panel/index.html');
  const id = await createMeeting(panel, 'Quota squeeze');
  await notes(panel).click();
  await panel.keyboard.type('Typed before.');
  assert.is(await panel.getByRole('alert').filter({ hasText: msg('storageFull') }).count(), 0, 'no alert while storage takes every write');

  // A plain page holds the DevTools session; nothing of the extension stays open.
  const holder = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(holder);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (const page of browser.context.pages()) if (page !== holder) await page.close();
  await holder.waitForTimeout(STORAGE_RELEASE_MS);
  await setQuota(cdp, origin, 1);

  const full = await browser.page('side-panel/index.html');
  await openMeeting(full, id);
  await notes(full).getByText('Typed before.').waitFor();
  await notes(full).click();
  await full.keyboard.press('Control+End');
  await full.keyboard.type(' Typed while full.');
  const storageFull = full.getByRole('alert').filter({ hasText: msg('storageFull') });
  await storageFull.waitFor({ timeout: 15_000 });
  // A retry a few seconds later is refused too: the alert stays while there is no room.
  await full.waitForTimeout(6_000);
  assert.ok(await storageFull.isVisible(), 'the alert stays while the quota is still used up');
  assert.is(await notes(full).textContent(), 'Typed before. Typed while full.', 'the page keeps the refused change');

  // A meeting made while full: its page takes over the very document that was filled, so it
  // shows the meeting rather than reading back from storage what was never stored.
  await full.getByRole('button', { name: msg('navLibrary') }).click();
  const made = await createMeeting(full, 'Made while full');
  await notes(full).click();
  await full.keyboard.type('Its notes.');
  // Leaving it closes nothing that is not stored yet.
  await full.getByRole('button', { name: msg('navLibrary') }).click();
  await full.locator(`[data-meeting="${made}"]`).waitFor();
  assert.ok(await storageFull.isVisible(), 'still unsaved: the alert stays');

  // The popup says so too when what it changes is refused: starting the next meeting from it.
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 320, height: 480 });
  await popup.goto(`${origin}/popup/index.html`);
  await popup.getByRole('button', { name: msg('popupStart', 'Made while full') }).click();
  const popupFull = popup.getByRole('alert').filter({ hasText: msg('popupStorageFull') });
  await popupFull.waitFor({ timeout: 15_000 });
  await shoot(popup, 'popup-storage-full');

  await setQuota(cdp, origin);
  await storageFull.waitFor({ state: 'detached', timeout: 20_000 });
  await popupFull.waitFor({ state: 'detached', timeout: 20_000 });
  await popup.close();
  await full.close();

  const again = await browser.page('side-panel/index.html');
  await openMeeting(again, id);
  await notes(again).getByText('Typed before. Typed while full.').waitFor();
  assert.is(await again.getByRole('alert').filter({ hasText: msg('storageFull') }).count(), 0);
  await again.getByRole('button', { name: msg('navLibrary') }).click();
  await openMeeting(again, made);
  await notes(again).getByText('Its notes.').waitFor();
  // Started from the popup meanwhile, whose copy had it from the side panel alone (nothing of
  // it was stored), so it opens running; the library lists it under its title.
  await again.getByRole('timer').first().waitFor();
  await again.getByRole('button', { name: msg('navLibrary') }).click();
  await again.locator(`[data-meeting="${made}"]`, { hasText: 'Made while full' }).waitFor();
});

test.run();
