// Re-takes the landing page's screenshots from the real, built extension: headless Chromium
// with dist/extension loaded, the side panel at a phone-like 360x640, a meeting planned, run
// (on a controlled clock, so the numbers look like a real meeting) and ended. Each PNG must stay
// under 150 kB. Run: `npm run build && node --import tsx scripts/capture-screenshots.ts`.
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DIST, launchExtension } from '../tests/e2e/helpers/extension-browser.ts';
import { createMeeting, msg } from '../tests/e2e/helpers/extension-flows.ts';
import { ASSETS_DIR } from '../sync-server/web/website/static-files.ts';

const VIEWPORT = { width: 360, height: 640 } as const;
const MAX_BYTES = 150 * 1024;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;

class ScreenshotTooLargeError extends Error {
  override readonly name = 'ScreenshotTooLargeError';
}

async function capture(page: Page, file: string): Promise<void> {
  const path = join(ASSETS_DIR, file);
  await page.screenshot({ path });
  const { size } = statSync(path);
  if (size > MAX_BYTES) throw new ScreenshotTooLargeError(`${file} is ${size} bytes, over ${MAX_BYTES}`);
  console.log(`${file}: ${Math.round(size / 1024)} kB`);
}

async function main(): Promise<void> {
  const browser = await launchExtension();
  try {
    await browser.context.setOffline(true);
    const panel = await browser.context.newPage();
    panel.setDefaultTimeout(15_000);
    await panel.setViewportSize(VIEWPORT);
    await panel.emulateMedia({ colorScheme: 'light' });
    await panel.clock.install({ time: T0 });
    await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html`);

    await createMeeting(panel, 'Weekly team sync', 'Weekly team meeting');
    await panel.getByLabel('Title of item 1').waitFor();
    await capture(panel, 'screenshot-editor.png');

    await panel.clock.pauseAt(T0 + MIN);
    await panel.getByRole('button', { name: msg('meetingStart') }).click();
    await panel.getByRole('button', { name: new RegExp(msg('runNext')) }).waitFor();
    await panel.getByRole('textbox', { name: /^Notes for/ }).first().click();
    await panel.keyboard.type('Release moved to Thursday. Ana checks the migration plan.');
    await panel.clock.fastForward(3 * MIN + 12_000);
    await capture(panel, 'screenshot-run.png');

    // The rest of the items, each a little over or under its time box, like a real meeting.
    for (const minutes of [2, 9, 17, 11, 6]) {
      await panel.clock.fastForward(minutes * MIN);
      await panel.getByRole('button', { name: new RegExp(msg('runNext')) }).click();
    }
    await panel.clock.fastForward(4 * MIN);
    await panel.getByRole('button', { name: msg('runEnd') }).click();
    await panel.getByRole('heading', { name: msg('reportChartTitle') }).waitFor();
    await capture(panel, 'screenshot-report.png');

    copyFileSync(join(DIST, 'icons', '128.png'), join(ASSETS_DIR, 'icon-128.png'));
  } finally {
    await browser.close(true);
  }
}

await main();
