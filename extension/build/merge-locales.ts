// Merges each locale's message fragments (one file per area, so helpers never edit the same
// file) into the messages.json Chrome reads; a key defined twice or malformed fails the build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageTable } from '../platform/i18n.ts';

export class LocaleMergeError extends Error {
  override name = 'LocaleMergeError';
}

const KEY_PATTERN = /^[A-Za-z0-9_]+$/;

export function mergeLocale(dir: string): MessageTable {
  const merged: MessageTable = {};
  const owner = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const table = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MessageTable;
    for (const [key, entry] of Object.entries(table)) {
      if (!KEY_PATTERN.test(key)) throw new LocaleMergeError(`${file}: bad message key "${key}"`);
      if (typeof entry?.message !== 'string') throw new LocaleMergeError(`${file}: "${key}" has no message`);
      const first = owner.get(key.toLowerCase());
      if (first) throw new LocaleMergeError(`message key "${key}" defined in both ${first} and ${file}`);
      owner.set(key.toLowerCase(), file);
      merged[key] = entry;
    }
  }
  return merged;
}

export function mergeAllLocales(localesDir: string): Map<string, MessageTable> {
  const out = new Map<string, MessageTable>();
  for (const locale of readdirSync(localesDir, { withFileTypes: true })) {
    if (locale.isDirectory()) out.set(locale.name, mergeLocale(join(localesDir, locale.name)));
  }
  return out;
}
