// The extension zip as this relay offers it: the package as built, or, when the relay has a
// public URL, the same package with the relay file added to its folder (wire/extension-package.ts),
// so the extension's default relay is this one. The rewritten zip is made once per built file.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Logger } from '../../logger.ts';
import { EXTENSION_FOLDER, PACKAGED_RELAY_FILE, type PackagedRelay } from '../../../wire/extension-package.ts';
import { normaliseRelayUrl } from '../../../wire/relay-client.ts';
import { SECURITY_HEADERS } from './http-response.ts';
import { serveZip, ZIP_HEADERS } from './static-files.ts';

// The packer's fixed date, so the same build and URL give the same bytes.
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

let cached: { readonly key: string; readonly zip: Promise<Uint8Array> } | null = null;

export function withPackagedRelay(zip: Uint8Array, relayUrl: string): Uint8Array {
  const entries: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(zip))) entries[name] = [data, { mtime: FIXED_MTIME }];
  const relay: PackagedRelay = { relayUrl: normaliseRelayUrl(relayUrl) };
  entries[`${EXTENSION_FOLDER}/${PACKAGED_RELAY_FILE}`] = [strToU8(JSON.stringify(relay)), { mtime: FIXED_MTIME }];
  return zipSync(entries, { level: 9 });
}

async function packageFor(zipPath: string, publicUrl: string): Promise<Uint8Array | null> {
  const info = await stat(zipPath).catch(() => null);
  if (!info?.isFile()) return null;
  const key = `${zipPath}\n${info.mtimeMs}\n${info.size}\n${publicUrl}`;
  if (cached?.key !== key) {
    const zip = readFile(zipPath).then((bytes) => withPackagedRelay(new Uint8Array(bytes), publicUrl));
    cached = { key, zip };
    zip.catch(() => (cached?.zip === zip ? (cached = null) : undefined));
  }
  return cached.zip;
}

/** Sends the extension zip for this relay; false when none has been built. */
export async function serveExtension(res: ServerResponse, zipPath: string, publicUrl: string | null, logger: Logger): Promise<boolean> {
  if (publicUrl === null) return serveZip(res, zipPath);
  let zip: Uint8Array | null;
  try {
    zip = await packageFor(zipPath, publicUrl);
  } catch (error) {
    logger.warn({ err: error, zipPath }, 'extension zip could not be rewritten for the public URL; serving it as built');
    return serveZip(res, zipPath);
  }
  if (zip === null) return false;
  res.writeHead(200, { ...SECURITY_HEADERS, ...ZIP_HEADERS, 'content-length': String(zip.byteLength) });
  res.end(zip);
  return true;
}
