// The download a relay serves (real relay, port 0): as built when the relay has no public URL;
// with one, the same package plus the relay file in its one folder, naming that relay, the same
// bytes on every request. A zip that cannot be read is served as built rather than failing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packExtension } from '../../../../scripts/pack-extension.ts';
import { EXTENSION_FOLDER, PACKAGED_RELAY_FILE, readPackagedRelay } from '../../../../wire/extension-package.ts';
import { Routes } from '../../../../wire/website-routes.ts';
import { startWebsiteRelay } from './website-relay.ts';

const test = suite('extension download');
const PUBLIC_URL = 'https://relay.example.org';

function builtZip(): { dir: string; zipPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-download-'));
  mkdirSync(join(dir, 'ext', 'popup'), { recursive: true });
  writeFileSync(join(dir, 'ext', 'manifest.json'), '{"manifest_version":3}');
  writeFileSync(join(dir, 'ext', 'popup', 'index.html'), '<!doctype html><title>p</title>');
  const zipPath = join(dir, 'ext.zip');
  packExtension(join(dir, 'ext'), zipPath);
  return { dir, zipPath };
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(new URL(Routes.download, url));
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'application/zip');
  return Buffer.from(await res.arrayBuffer());
}

test('without a public URL the package is served as built', async () => {
  const { dir, zipPath } = builtZip();
  const site = await startWebsiteRelay({ extensionZipPath: zipPath });
  try {
    assert.ok((await download(site.url)).equals(readFileSync(zipPath)));
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with a public URL the package names the relay, in its one folder', async () => {
  const { dir, zipPath } = builtZip();
  const site = await startWebsiteRelay({ extensionZipPath: zipPath, publicUrl: `${PUBLIC_URL}/` });
  try {
    const zip = await download(site.url);
    const entries = unzipSync(new Uint8Array(zip));
    assert.equal(new Set(Object.keys(entries).map((name) => name.split('/')[0])), new Set([EXTENSION_FOLDER]));
    assert.equal(Object.keys(entries).sort(), ['manifest.json', 'popup/index.html', PACKAGED_RELAY_FILE].map((p) => `${EXTENSION_FOLDER}/${p}`).sort());
    const relay = JSON.parse(strFromU8(entries[`${EXTENSION_FOLDER}/${PACKAGED_RELAY_FILE}`]!));
    assert.is(readPackagedRelay(relay), PUBLIC_URL);
    assert.ok((await download(site.url)).equals(zip), 'the same bytes on every request');
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a zip that cannot be read is served as built', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-download-'));
  const zipPath = join(dir, 'broken.zip');
  writeFileSync(zipPath, Buffer.alloc(1024, 9));
  const site = await startWebsiteRelay({ extensionZipPath: zipPath, publicUrl: PUBLIC_URL });
  try {
    assert.ok((await download(site.url)).equals(readFileSync(zipPath)));
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only an http(s) URL is taken from a relay file', () => {
  assert.is(readPackagedRelay({ relayUrl: 'javascript:alert(1)' }), null);
  assert.is(readPackagedRelay({ relayUrl: 42 }), null);
  assert.is(readPackagedRelay(null), null);
  assert.is(readPackagedRelay({ relayUrl: PUBLIC_URL }), PUBLIC_URL);
});

test.run();
