// The built viewer (dist/viewer from `vite build --mode viewer`) held in memory: the HTML shell
// and the fingerprinted assets, each with a gzip copy made once. Names are checked against a
// strict pattern, so no request can reach outside the assets folder. A rebuild while the relay
// runs is picked up: a file is re-read when its modification time changed.
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { installPath } from '../../install-root.ts';

export const VIEWER_DIST_DIR = installPath('dist', 'viewer');

const ASSET_NAME = /^[A-Za-z0-9_-]+\.(js|css)$/;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface ViewerFile {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
}

interface Cached {
  readonly mtimeMs: number;
  readonly file: ViewerFile;
}

export class ViewerFiles {
  readonly #dir: string;
  readonly #cache = new Map<string, Cached>();

  constructor(dir: string = VIEWER_DIST_DIR) {
    this.#dir = dir;
  }

  /** The HTML shell; null when the viewer has not been built. */
  shell(): Promise<ViewerFile | null> {
    return this.#load(join(this.#dir, 'index.html'));
  }

  /** assets/<name>; null for an unknown or ill-formed name. */
  asset(name: string): Promise<ViewerFile | null> {
    if (!ASSET_NAME.test(name)) return Promise.resolve(null);
    return this.#load(join(this.#dir, 'assets', name));
  }

  async #load(path: string): Promise<ViewerFile | null> {
    let mtimeMs: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      mtimeMs = info.mtimeMs;
    } catch {
      return null;
    }
    const cached = this.#cache.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.file;
    const body = await readFile(path);
    const file: ViewerFile = { body, gzipped: gzipSync(body), contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
    this.#cache.set(path, { mtimeMs, file });
    return file;
  }
}
