// Re-takes the landing page's screenshots from the real, built extension, once per site language
// (the browser's UI in that language, so the side panel, the built-in template and the staged
// meeting's words are that language's): headless Chromium with dist/extension loaded, the side
// panel at a phone-like 360x640, a meeting planned, run (on a controlled clock, so the numbers
// look like a real meeting) and ended. Each PNG must stay under 150 kB. Needs Debian's
// chromium-l10n (else date fields are formatted in English) and fonts-noto-cjk (Japanese).
// Run: `npm run build && node --import tsx scripts/capture-screenshots.ts [lang…]`.
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEMPLATE_LANGUAGES } from '../crdt/builtin-template-languages.ts';
import { DIST, launchExtension, newProfileDir } from '../tests/e2e/helpers/extension-browser.ts';
import { messagesIn } from '../tests/e2e/helpers/extension-flows.ts';
import { screenshotFile, type ScreenshotName } from '../sync-server/web/website/pages/landing-page.ts';
import { ASSETS_DIR } from '../sync-server/web/website/static-files.ts';
import { isSiteLanguage, SITE_LANGUAGES, type SiteLanguage } from '../sync-server/web/languages/site-languages.ts';

const VIEWPORT = { width: 360, height: 640 } as const;
const MAX_BYTES = 150 * 1024;
const T0 = new Date('2026-03-02T09:00:00Z').getTime();
const MIN = 60_000;
const TEMPLATE = 'builtin-weekly-team';

/** What the staged meeting says in each language: its title and the note typed while it runs. */
const STAGED: Readonly<Record<SiteLanguage, { readonly title: string; readonly note: string }>> = {
  en: { title: 'Weekly team sync', note: 'Release moved to Thursday. Ana checks the migration plan.' },
  de: { title: 'Wöchentlicher Team-Sync', note: 'Release auf Donnerstag verschoben. Ana prüft den Migrationsplan.' },
  fr: { title: 'Point d’équipe hebdomadaire', note: 'La mise en production passe à jeudi. Ana vérifie le plan de migration.' },
  es: { title: 'Sincronización semanal', note: 'El lanzamiento pasa al jueves. Ana revisa el plan de migración.' },
  ja: { title: '週次チーム同期', note: 'リリースは木曜日に延期。アナが移行計画を確認します。' },
};

class ScreenshotTooLargeError extends Error {
  override readonly name = 'ScreenshotTooLargeError';
}

async function capture(page: Page, name: ScreenshotName, lang: SiteLanguage): Promise<void> {
  const file = screenshotFile(name, lang);
  const path = join(ASSETS_DIR, file);
  await page.screenshot({ path });
  const { size } = statSync(path);
  if (size > MAX_BYTES) throw new ScreenshotTooLargeError(`${file} is ${size} bytes, over ${MAX_BYTES}`);
  console.log(`${file}: ${Math.round(size / 1024)} kB`);
}

async function captureIn(lang: SiteLanguage): Promise<void> {
  const msg = messagesIn(lang);
  const staged = STAGED[lang];
  const browser = await launchExtension(newProfileDir(), DIST, { lang });
  try {
    await browser.context.setOffline(true);
    const panel = await browser.context.newPage();
    panel.setDefaultTimeout(15_000);
    await panel.setViewportSize(VIEWPORT);
    await panel.emulateMedia({ colorScheme: 'light' });
    await panel.clock.install({ time: T0 });
    await panel.goto(`chrome-extension://${browser.extensionId}/side-panel/index.html#/new`);

    await panel.getByLabel(msg('meetingTitleLabel'), { exact: true }).fill(staged.title);
    await panel.getByRole('radio', { name: new RegExp(`^${TEMPLATE_LANGUAGES[lang]![TEMPLATE]!.name}`) }).check();
    await panel.getByRole('button', { name: msg('newCreate') }).click();
    await panel.getByLabel(msg('agendaTitleLabel', '1')).waitFor();
    await capture(panel, 'editor', lang);

    await panel.clock.pauseAt(T0 + MIN);
    await panel.getByRole('button', { name: msg('meetingStart') }).click();
    const next = panel.getByRole('button', { name: new RegExp(msg('runNext')) });
    await next.waitFor();
    // The notes editor is built when the page is idle, which a paused clock never lets happen.
    await panel.clock.runFor(1_000);
    const firstItem = TEMPLATE_LANGUAGES[lang]![TEMPLATE]!.items[0]![0];
    await panel.getByRole('textbox', { name: msg('runItemNotesFor', firstItem) }).click();
    await panel.keyboard.type(staged.note);
    await panel.clock.fastForward(3 * MIN + 11_000);
    await capture(panel, 'run', lang);

    // The rest of the items, each a little over or under its time box, like a real meeting.
    for (const minutes of [2, 9, 17, 11, 6]) {
      await panel.clock.fastForward(minutes * MIN);
      await next.click();
    }
    await panel.clock.fastForward(4 * MIN);
    await panel.getByRole('button', { name: msg('runEnd') }).click();
    await panel.getByRole('heading', { name: msg('reportChartTitle') }).waitFor();
    await capture(panel, 'report', lang);
  } finally {
    await browser.close(true);
  }
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((lang) => !isSiteLanguage(lang));
  if (unknown.length > 0) throw new Error(`not a site language: ${unknown.join(', ')} (one of ${SITE_LANGUAGES.join(', ')})`);
  for (const lang of asked.length > 0 ? (asked as SiteLanguage[]) : SITE_LANGUAGES) await captureIn(lang);
  copyFileSync(join(DIST, 'icons', '128.png'), join(ASSETS_DIR, 'icon-128.png'));
}

await main();
