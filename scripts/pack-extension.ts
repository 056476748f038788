// `npm run build` step: packs dist/extension/ into dist/leavethemeeting-extension.zip, the file
// the website offers for download. Every entry sits in one folder (wire/extension-package.ts),
// so unzipping gives the folder "Load unpacked" wants. Entries are sorted and dated at a fixed
// time, so the same build gives the same zip. Refuses to write a zip without a manifest.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { websiteDefaults } from '../sync-server/web/website/website-config.ts';
import { EXTENSION_FOLDER } from '../wire/extension-package.ts';

const EXTENSION_DIR = join(import.meta.dirname, '..', 'dist', 'extension');
// Zip timestamps start in 1980; a fixed one keeps the archive reproducible.
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

class PackError extends Error {
  override readonly name = 'PackError';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function packExtension(sourceDir: string, zipPath: string): { files: number; bytes: number } {
  if (!existsSync(join(sourceDir, 'manifest.json'))) throw new PackError(`no manifest.json in ${sourceDir}; build the extension first`);
  const entries: Zippable = {};
  const files = filesUnder(sourceDir);
  for (const file of files) {
    entries[`${EXTENSION_FOLDER}/${relative(sourceDir, file).split(sep).join('/')}`] = [readFileSync(file), { mtime: FIXED_MTIME }];
  }
  const zip = zipSync(entries, { level: 9 });
  writeFileSync(zipPath, zip);
  return { files: files.length, bytes: zip.byteLength };
}

if (process.argv[1] === import.meta.filename) {
  const { files, bytes } = packExtension(EXTENSION_DIR, websiteDefaults.extensionZipPath);
  console.log(`packed ${files} files into ${websiteDefaults.extensionZipPath} (${Math.round(bytes / 1024)} kB)`);
}
