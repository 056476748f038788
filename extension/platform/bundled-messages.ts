// The messages bundled into a page that runs outside the extension (web viewer, dev server),
// where chrome.i18n does not exist. English is inlined, so every key always has a text; the
// reader's own language, when we ship it, is loaded lazily (one chunk per language, reached
// through a tiny stub per fragment), so English readers pay nothing for the other languages.
/// <reference types="vite/client" />
import { setFallbackMessages, type MessageTable } from './i18n.ts';

const english = import.meta.glob<MessageTable>('../_locales/en/*.json', { eager: true, import: 'default' });
const translations = import.meta.glob<MessageTable>(['../_locales/*/*.json', '!../_locales/en/*.json'], { import: 'default' });

const localeOf = (path: string): string => /_locales\/([^/]+)\//.exec(path)?.[1] ?? '';
const BUNDLED_LOCALES: readonly string[] = ['en', ...new Set(Object.keys(translations).map(localeOf))].sort();

/** The shipped locale for a BCP 47 tag: "de-AT" reads German, an unknown language English. */
export function bundledLocaleFor(language: string): string {
  const wanted = language.toLowerCase();
  return BUNDLED_LOCALES.find((l) => l.toLowerCase() === wanted) ?? BUNDLED_LOCALES.find((l) => l === wanted.split('-')[0]) ?? 'en';
}

/** Registers English, then the locale for language over it; resolves with the locale used. */
export async function useBundledMessages(language: string = globalThis.navigator?.language ?? 'en'): Promise<string> {
  for (const table of Object.values(english)) setFallbackMessages(table);
  const locale = bundledLocaleFor(language);
  const loads = Object.entries(translations).filter(([path]) => localeOf(path) === locale).map(([, load]) => load());
  for (const table of await Promise.all(loads)) setFallbackMessages(table);
  return locale;
}
