// What each extension entry costs to load, gzipped: its own files plus every chunk it imports
// statically (transitively), from a fresh `npm run build`. Dynamic imports are listed apart,
// since they do not block the first paint.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult, BenchRow } from './bench-result.ts';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'extension');
const KB = 1024;

const ENTRIES = [
  { label: 'side panel', start: 'side-panel/index.html', targetKb: 200 },
  { label: 'popup', start: 'popup/index.html', targetKb: 80 },
  { label: 'overlay (content script)', start: 'overlay.js', targetKb: 30 },
  { label: 'background (service worker)', start: 'background.js', targetKb: 50 },
  { label: 'options', start: 'options/index.html', targetKb: null },
] as const;

const HTML_REF = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g;
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[^"'();]*?\bfrom\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

function resolveRef(fromFile: string, ref: string): string {
  return ref.startsWith('/') ? normalize(ref.slice(1)) : normalize(join(dirname(fromFile), ref));
}

function closure(start: string, followDynamic = false): { files: Set<string>; dynamic: Set<string> } {
  const files = new Set<string>();
  const dynamic = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(join(DIST, file), 'utf8');
    const refs = file.endsWith('.html') ? [...text.matchAll(HTML_REF)] : file.endsWith('.js') ? [...text.matchAll(STATIC_IMPORT)] : [];
    for (const m of refs) queue.push(resolveRef(file, m[1]!));
    if (!file.endsWith('.js')) continue;
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      const target = resolveRef(file, m[1]!);
      dynamic.add(target);
      if (followDynamic) queue.push(target);
    }
  }
  return { files, dynamic };
}

const gz = (file: string) => gzipSync(readFileSync(join(DIST, file))).byteLength;

export default async function run(): Promise<BenchResult> {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('build produced no dist/extension');
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const entry of ENTRIES) {
    const { files, dynamic } = closure(entry.start);
    const total = [...files].reduce((sum, f) => sum + gz(f), 0);
    const kb = total / KB;
    rows.push({
      metric: `${entry.label}, gzipped (${files.size} files)`,
      value: `${kb.toFixed(1)} kB`,
      ...(entry.targetKb === null ? {} : { target: `< ${entry.targetKb} kB`, ok: kb < entry.targetKb }),
    });
    const lazy = [...dynamic].filter((f) => !files.has(f));
    if (lazy.length > 0) {
      const everything = closure(entry.start, true).files;
      const all = [...everything].reduce((sum, f) => sum + gz(f), 0) / KB;
      rows.push({
        metric: `${entry.label} with every on-demand view, gzipped (${everything.size} files)`,
        value: `${all.toFixed(1)} kB`,
        ...(entry.targetKb === null ? {} : { target: `< ${entry.targetKb} kB`, ok: all < entry.targetKb }),
      });
    }
    const lazyCost = (f: string) => [...closure(f).files].filter((x) => !files.has(x)).reduce((sum, x) => sum + gz(x), 0) / KB;
    if (lazy.length > 0) {
      const parts = lazy.map((f) => `${basename(f).replace(/-[A-Za-z0-9_-]{8}\.js$/, '')} ${lazyCost(f).toFixed(1)} kB`);
      notes.push(`${entry.label}, loaded on demand (each with the chunks it adds): ${parts.join(', ')}`);
    }
  }
  notes.push('Each file gzipped on its own (as served), summed over the entry and its static imports, shared chunks included in every entry that loads them.');
  return { name: 'extension-bundles', title: 'Extension bundle sizes per entry', rows, notes };
}
