// The extension as a team member gets it: downloaded from a relay with a public URL, unzipped
// into its one folder, loaded unpacked in Chromium; its options page offers that relay without
// anyone typing it. A build loaded straight from dist/ names no relay: the field is empty, with
// a relay on this computer as its placeholder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packExtension } from '../../scripts/pack-extension.ts';
import { EXTENSION_FOLDER } from '../../wire/extension-package.ts';
import { Routes } from '../../wire/website-routes.ts';
import { startWebsiteRelay, type WebsiteRelay } from '../sync-server/web/website/website-relay.ts';
import { assertReady, DIST, launchExtension, newProfileDir } from './helpers/extension-browser.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const PUBLIC_URL = 'https://relay.example.org';
const test = suite<{ dir: string; site: WebsiteRelay | null }>('e2e downloaded extension', { dir: '', site: null });

guardedSetup(test, async (ctx) => {
  assertReady();
  ctx.dir = mkdtempSync(join(tmpdir(), 'ltm-downloaded-'));
  const zipPath = join(ctx.dir, 'extension.zip');
  packExtension(DIST, zipPath);
  ctx.site = await startWebsiteRelay({ extensionZipPath: zipPath, publicUrl: PUBLIC_URL });
});

test.after(async (ctx) => {
  await ctx.site?.close();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
});

async function relayField(extensionDir?: string): Promise<string> {
  const browser = await launchExtension(newProfileDir(), extensionDir);
  try {
    const page = await browser.page('options/index.html');
    const field = page.locator('#relay-url');
    // Loaded, and one frame more for the field to take the loaded value.
    await page.locator('main[aria-busy="false"]').waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    return await field.inputValue();
  } finally {
    await browser.close(true);
  }
}

test('the downloaded zip unzips into one folder whose default relay is the one it came from', async ({ dir, site }) => {
  const res = await fetch(new URL(Routes.download, site!.url));
  assert.is(res.status, 200);
  const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const unpacked = join(dir, 'unzipped');
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), data);
  }
  assert.equal([...new Set(Object.keys(entries).map((name) => name.split('/')[0]))], [EXTENSION_FOLDER]);
  assert.is(await relayField(join(unpacked, EXTENSION_FOLDER)), PUBLIC_URL);
});

test('a development build names no relay', async () => {
  assert.is(await relayField(), '');
});

test.run();
