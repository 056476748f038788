// The landing page: product text, every screenshot it shows exists as a small PNG of the
// extension in the page's language, and the download is a link to the served zip when one is
// built, a plain notice when it is not.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { landingPage, SCREENSHOTS, screenshotFile } from '../../../../sync-server/web/website/pages/landing-page.ts';
import { websiteWords } from '../../../../sync-server/web/website/messages/website-words.ts';
import { SITE_LANGUAGES } from '../../../../sync-server/web/languages/site-languages.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { ASSETS_DIR } from '../../../../sync-server/web/website/static-files.ts';
import { startWebsiteRelay } from './website-relay.ts';

const Landing = suite('landing page');
const MAX_SCREENSHOT_BYTES = 150 * 1024;

Landing("every screenshot on the page is served, in the page's language, and under 150 kB", async () => {
  const site = await startWebsiteRelay();
  try {
    for (const lang of SITE_LANGUAGES) {
      const page = await (await fetch(site.url, { headers: { 'accept-language': lang } })).text();
      assert.ok(page.includes(`<html lang="${lang}">`), lang);
      for (const shot of SCREENSHOTS) {
        const file = screenshotFile(shot.name, lang);
        assert.ok(page.includes(`src="${Routes.assets}${file}"`), file);
        assert.ok(statSync(join(ASSETS_DIR, file)).size < MAX_SCREENSHOT_BYTES, file);
        const res = await fetch(new URL(`${Routes.assets}${file}`, site.url));
        assert.is(res.status, 200, file);
        assert.is(res.headers.get('content-type'), 'image/png');
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.is(bytes.subarray(1, 4).toString(), 'PNG');
      }
    }
    const english = await (await fetch(site.url)).text();
    assert.match(english, /Meetings that end on time/);
  } finally {
    await site.close();
  }
});

Landing('without a built zip the page says so and the download answers 404', async () => {
  const site = await startWebsiteRelay();
  try {
    const page = await (await fetch(site.url)).text();
    assert.match(page, /not available on this server yet/);
    assert.not.ok(page.includes(`href="${Routes.download}"`));
    const res = await fetch(new URL(Routes.download, site.url));
    assert.is(res.status, 404);
    assert.match(await res.text(), /Not built yet/);
  } finally {
    await site.close();
  }
});

Landing('the zip size is in kB as Intl writes it, 1,000 bytes each, in the page language', () => {
  const form = { csrfToken: 't', email: '', error: null };
  assert.match(landingPage({ form, zipBytes: 2_000_000 }, websiteWords('en')).text, /\.zip, 2,000 kB\)/);
  assert.match(landingPage({ form, zipBytes: 2_000_000 }, websiteWords('de')).text, /\.zip, 2\.000 kB\)/);
  assert.match(landingPage({ form, zipBytes: 200 }, websiteWords('en')).text, /\.zip, 1 kB\)/);
});

Landing('with a built zip the page links it with its size and the relay serves it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-zip-'));
  const zipPath = join(dir, 'ext.zip');
  const bytes = Buffer.alloc(5 * 1024, 7);
  writeFileSync(zipPath, bytes);
  const site = await startWebsiteRelay({ extensionZipPath: zipPath });
  try {
    const page = await (await fetch(site.url)).text();
    assert.ok(page.includes(`href="${Routes.download}"`));
    assert.match(page, /\.zip, 5 kB/);
    const res = await fetch(new URL(Routes.download, site.url));
    assert.is(res.status, 200);
    assert.is(res.headers.get('content-type'), 'application/zip');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="leavethemeeting.zip"/);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes));
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

Landing.run();
