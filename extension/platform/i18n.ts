/// <reference types="chrome" />
// Every user-visible string goes through t(). In the extension chrome.i18n answers from the
// merged _locales; elsewhere (the web viewer, dev pages) the bundled fragments (English, then
// the reader's language) registered with setFallbackMessages() answer, using the same $1..$9
// and named-placeholder rules.

export interface ChromeMessage {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Record<string, { readonly content: string }>;
}

export type MessageTable = Record<string, ChromeMessage>;

let fallback: MessageTable = {};

export function setFallbackMessages(table: MessageTable): void {
  fallback = { ...fallback, ...table };
}

function chromeMessage(key: string, subs: string[]): string {
  const i18n = (globalThis as { chrome?: typeof chrome }).chrome?.i18n;
  if (!i18n?.getMessage) return '';
  return i18n.getMessage(key, subs);
}

export function format(entry: ChromeMessage, subs: readonly string[]): string {
  const positional = (d: string) => subs[Number(d) - 1] ?? '';
  return entry.message.replace(/\$\$|\$(\d)|\$([A-Za-z0-9_@]+)\$/g, (whole, d?: string, name?: string) => {
    if (d !== undefined) return positional(d);
    if (name === undefined) return '$';
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content.replace(/\$(\d)/g, (_, n: string) => positional(n)) : whole;
  });
}

/** The message for key; the key itself when it is missing, so a gap is visible, never blank. */
export function t(key: string, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const fromChrome = chromeMessage(key, strings);
  if (fromChrome !== '') return fromChrome;
  const entry = fallback[key];
  return entry ? format(entry, strings) : key;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A counted message: key_one, key_few, key_other… chosen by the UI language's plural rules,
 * falling back to key_other where a language needs no separate form. $1 is the count.
 */
export function tCount(key: string, count: number, ...subs: (string | number)[]): string {
  const locale = uiLanguage();
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const exact = `${key}_${rules.select(count)}`;
  const text = t(exact, count, ...subs);
  return text === exact ? t(`${key}_other`, count, ...subs) : text;
}

// The language the messages are in (each translation names itself in intlLocale), so numbers,
// dates and plural forms speak the language of the words around them. Chrome's own answers
// (getUILanguage, @@ui_locale) can name another language than the one it took messages from.
export function uiLanguage(): string {
  const own = t('intlLocale');
  if (own !== 'intlLocale') return own;
  const i18n = (globalThis as { chrome?: typeof chrome }).chrome?.i18n;
  return i18n?.getUILanguage?.() ?? globalThis.navigator?.language ?? 'en';
}
