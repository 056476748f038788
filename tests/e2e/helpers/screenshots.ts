// Screenshots are for people to look at, not assertions: they go to one temp directory per run,
// whose path is printed once. A full-page shot of a scrolled page draws sticky bars where the
// viewport was, over the content, so the page is shot from its top and its scroll put back.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(tmpdir(), 'ltm-screenshots');
let announced = false;

/** `viewport`: only what the window shows (from the top), for a page too long to look at whole. */
export async function shoot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (!announced) {
    announced = true;
    console.log(`screenshots: ${SCREENSHOT_DIR}`);
  }
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const scrolled = await page.evaluate(() => {
    const y = window.scrollY;
    window.scrollTo(0, 0);
    return y;
  });
  await page.screenshot({ path, fullPage: options.viewport !== true });
  await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  return path;
}
