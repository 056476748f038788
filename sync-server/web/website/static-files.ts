// Serves the site's own files: the stylesheet and images in assets/ (by exact, simple names only,
// so no path can reach outside the folder) and the packaged extension's zip.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { installPath } from '../../install-root.ts';
import { SECURITY_HEADERS } from './http-response.ts';

export const ASSETS_DIR = installPath('sync-server', 'web', 'website', 'assets');
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(css|png|svg)$/;
const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const ASSET_CACHE = 'public, max-age=3600' as const;

export async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function streamFile(res: ServerResponse, path: string, size: number, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-length': String(size), ...headers });
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path);
    stream.on('error', (error) => {
      res.destroy(error);
      reject(error);
    });
    stream.pipe(res).on('finish', () => resolve());
  });
}

/** Serves assets/<name>; false when there is no such asset. */
export async function serveAsset(res: ServerResponse, name: string): Promise<boolean> {
  if (!ASSET_NAME.test(name)) return false;
  const path = join(ASSETS_DIR, name);
  const size = await fileSize(path);
  if (size === null) return false;
  await streamFile(res, path, size, { 'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': ASSET_CACHE });
  return true;
}

export const ZIP_HEADERS = {
  'content-type': 'application/zip',
  'content-disposition': 'attachment; filename="leavethemeeting.zip"',
  'cache-control': 'no-cache',
} as const;

/** Streams the extension zip; false when it has not been built. */
export async function serveZip(res: ServerResponse, zipPath: string): Promise<boolean> {
  const size = await fileSize(zipPath);
  if (size === null) return false;
  await streamFile(res, zipPath, size, ZIP_HEADERS);
  return true;
}
