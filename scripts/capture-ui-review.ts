// Screenshots of the states a demanding user meets, for people to look at (not the landing
// page's, which capture-screenshots.ts takes): the side panel at 400x600 with a 200-character
// item title, its keyboard focus and an overrun; the share dialog with three links; the live
// viewer at 1600x900, in presentation mode, and on a phone. Against a real relay on port 0.
// Run: `npm run build && node --import tsx scripts/capture-ui-review.ts [out-dir]`.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../tests/e2e/helpers/extension-browser.ts';
import { createMeeting, msg, signUp } from '../tests/e2e/helpers/extension-flows.ts';
import { launchViewerBrowser, visit } from '../tests/e2e/helpers/viewer-browser.ts';
import { startViewerRelay } from '../tests/e2e/helpers/viewer-relay.ts';

const OUT = process.argv[2] ?? join(tmpdir(), 'ltm-ui-review');
const LONG_TITLE = `Review the migration plan for the billing service, including the rollback steps, the customer communication, the on-call rota for launch week and ${'the open questions from legal '.repeat(3)}`.slice(0, 200);
const MIN = 60_000;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(join(OUT, `${name}.png`));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const relay = await startViewerRelay();
  const browser = await launchExtension();
  const pages = await launchViewerBrowser();
  try {
    await (await signUp(browser, relay.httpUrl, { email: 'review@example.org', password: 'a long enough password', name: 'Ada' })).close();
    const panel = await browser.context.newPage();
    panel.setDefaultTimeout(15_000);
    await panel.setViewportSize({ width: 400, height: 600 });
    await panel.emulateMedia({ colorScheme: 'light' });
    await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html`);
    await createMeeting(panel, 'Launch readiness');
    await panel.getByLabel(msg('agendaTitleLabel', '1')).fill(LONG_TITLE);
    await panel.getByText(msg('syncSynced'), { exact: true }).waitFor();

    const dialogButton = panel.getByRole('button', { name: msg('shareButton') });
    await dialogButton.click();
    const label = panel.getByLabel(/^Label/);
    for (const [role, name] of [['view', 'For the board'], ['edit', "Ana's laptop"], ['view', '']] as const) {
      await panel.getByRole('radio', { name: msg(role === 'edit' ? 'shareRoleEdit' : 'shareRoleView') }).check();
      if ((await label.count()) > 0) await label.fill(name);
      await panel.getByRole('button', { name: msg('shareCreate') }).click();
    }
    await panel.locator('.links li').nth(2).waitFor();
    const viewUrl = await panel.locator('.links li input[readonly]').first().inputValue();
    await shot(panel, 'share-three-links');
    await panel.getByRole('button', { name: msg('close') }).click();

    await panel.getByRole('button', { name: msg('meetingStart') }).click();
    await panel.getByRole('timer').first().waitFor();
    await shot(panel, 'panel-long-title');
    // The keyboard's way in: from Share, Tab reaches the cut title.
    await panel.getByRole('button', { name: msg('shareButton') }).focus();
    await panel.keyboard.press('Tab');
    await shot(panel, 'panel-title-focus');
    await panel.keyboard.press('Tab');
    await shot(panel, 'panel-keyboard-focus');

    const wide = await visit(pages, viewUrl, { viewport: { width: 1600, height: 900 } });
    await wide.page.locator('#current-title').waitFor({ timeout: 20_000 });
    await shot(wide.page, 'viewer-1600');
    const present = wide.page.getByRole('button', { name: /presentation/i });
    if ((await present.count()) > 0) {
      await present.click();
      await shot(wide.page, 'viewer-presentation');
    }
    const phone = await visit(pages, viewUrl, { viewport: { width: 400, height: 600 } });
    await phone.page.locator('#current-title').waitFor({ timeout: 20_000 });
    await shot(phone.page, 'viewer-phone');

    // Over time: the panel's own clock jumps past the first item's 5 minutes.
    await panel.clock.install();
    await panel.clock.fastForward(6 * MIN);
    await panel.getByText(msg('clockOver')).first().waitFor();
    await shot(panel, 'panel-overrun');
    await wide.close();
    await phone.close();
  } finally {
    await pages.close();
    await browser.close(true);
    await relay.close();
  }
}

await main();
