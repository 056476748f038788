// Packing the extension: every file of the folder is in the zip under its relative path inside
// one folder, with identical bytes; the same input gives the same zip, and a folder without a
// manifest is refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packExtension } from '../../../../scripts/pack-extension.ts';
import { EXTENSION_FOLDER } from '../../../../wire/extension-package.ts';

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-pack-'));
  mkdirSync(join(dir, 'ext', 'side-panel'), { recursive: true });
  writeFileSync(join(dir, 'ext', 'manifest.json'), '{"manifest_version":3}');
  writeFileSync(join(dir, 'ext', 'side-panel', 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'ext', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  return dir;
}

test('the zip holds every file with its bytes and is reproducible', () => {
  const dir = fixture();
  try {
    const first = packExtension(join(dir, 'ext'), join(dir, 'a.zip'));
    packExtension(join(dir, 'ext'), join(dir, 'b.zip'));
    assert.is(first.files, 3);
    const a = readFileSync(join(dir, 'a.zip'));
    assert.ok(a.equals(readFileSync(join(dir, 'b.zip'))), 'same input, same bytes');
    const entries = unzipSync(new Uint8Array(a));
    const inFolder = (path: string) => `${EXTENSION_FOLDER}/${path}`;
    assert.equal(Object.keys(entries).sort(), ['icon.png', 'manifest.json', 'side-panel/index.html'].map(inFolder));
    assert.is(Buffer.from(entries[inFolder('manifest.json')]!).toString(), '{"manifest_version":3}');
    assert.ok(Buffer.from(entries[inFolder('icon.png')]!).equals(readFileSync(join(dir, 'ext', 'icon.png'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder without manifest.json is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-pack-'));
  try {
    assert.throws(() => packExtension(dir, join(dir, 'x.zip')), /no manifest\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
