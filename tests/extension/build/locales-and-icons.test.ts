// Build steps: message fragments merge into one table and a duplicate key fails the build; the
// generated icons are valid PNGs of the promised sizes.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LocaleMergeError, mergeAllLocales, mergeLocale } from '../../../extension/build/merge-locales.ts';
import { ICON_SIZES, iconPng } from '../../../extension/build/png-icon.ts';

const test = suite('extension build steps');

function localeDir(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'ltm-locales-'));
  mkdirSync(join(root, 'en'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, 'en', name), JSON.stringify(body));
  return root;
}

test('fragments merge; every key keeps its entry', () => {
  const root = localeDir({ 'a.json': { one: { message: '1' } }, 'b.json': { two: { message: '2', description: 'd' } } });
  try {
    assert.equal(mergeAllLocales(root).get('en'), { one: { message: '1' }, two: { message: '2', description: 'd' } });
  } finally {
    rmSync(root, { recursive: true });
  }
});

test('a key in two fragments (even differing in case) fails, naming both files', () => {
  const root = localeDir({ 'a.json': { same: { message: '1' } }, 'b.json': { Same: { message: '2' } } });
  try {
    assert.throws(() => mergeLocale(join(root, 'en')), (e: unknown) => e instanceof LocaleMergeError && /a\.json.*b\.json/.test(e.message));
  } finally {
    rmSync(root, { recursive: true });
  }
});

test('malformed keys and entries without a message fail', () => {
  const root = localeDir({ 'a.json': { 'bad-key': { message: 'x' } } });
  const root2 = localeDir({ 'a.json': { fine: { text: 'x' } } });
  try {
    assert.throws(() => mergeLocale(join(root, 'en')), (e: unknown) => e instanceof LocaleMergeError);
    assert.throws(() => mergeLocale(join(root2, 'en')), (e: unknown) => e instanceof LocaleMergeError);
  } finally {
    rmSync(root, { recursive: true });
    rmSync(root2, { recursive: true });
  }
});

test('the real fragments merge without conflicts and name the manifest strings', () => {
  const en = mergeLocale(join(import.meta.dirname, '..', '..', '..', 'extension', '_locales', 'en'));
  for (const key of ['extName', 'extDescription', 'commandNextItem', 'commandTogglePause']) assert.ok(en[key], key);
});

test('icons are RGBA PNGs of each size with opaque pixels inside and transparent corners', () => {
  for (const size of ICON_SIZES) {
    const png = iconPng(size);
    assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.is(png.readUInt32BE(16), size);
    assert.is(png.readUInt32BE(20), size);
    const idatLength = png.readUInt32BE(33);
    assert.is(png.toString('ascii', 37, 41), 'IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const stride = size * 4 + 1;
    assert.is(raw.length, stride * size);
    const alpha = (x: number, y: number) => raw[y * stride + 1 + x * 4 + 3];
    assert.is(alpha(0, 0), 0);
    assert.is(alpha(size >> 1, size >> 1), 255);
  }
});

test.run();
