// A page's words in one language, for any catalog of the relay's pages: messages with {name}
// placeholders filled in, plural forms chosen by Intl.PluralRules, and numbers, dates and
// durations formatted by Intl in that language, so a German page never shows an English date or
// an English 1,500. Runs in the
// browser too (the account page's script), so it imports nothing of Node.
import type { SiteLanguage } from './site-languages.ts';

export type Params = Readonly<Record<string, string | number>>;
/** A message that has plural forms: its key without the .one / .other ending. */
export type PluralKey<Key extends string> = Key extends `${infer Base}.one` ? Base : never;
/** A message cut at its placeholders, for markup that puts an element where a value goes. */
export type MessagePart = { readonly text: string } | { readonly slot: string };
export type Catalog<Key extends string> = Readonly<Record<Key, string>>;

const PLACEHOLDER = /\{(\w+)\}/g;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Translator<Key extends string> {
  readonly lang: SiteLanguage;
  t(key: Key, params?: Params): string;
  count(key: PluralKey<Key>, count: number, params?: Params): string;
  parts(key: Key): MessagePart[];
  date(ms: number): string;
  dateTime(ms: number): string;
  /** "7 days", "36 hours", "1 hour": the largest whole unit, so a page states the exact time. */
  duration(ms: number): string;
}

export function createTranslator<Key extends string>(lang: SiteLanguage, catalog: Catalog<Key>): Translator<Key> {
  const plurals = new Intl.PluralRules(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Intl.NumberFormat(lang);
  // A number placeholder is written as the language writes numbers (1,500 in English, 1.500 in German).
  const fill = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
  const t = (key: Key, params: Params = {}) =>
    catalog[key].replace(PLACEHOLDER, (whole, name: string) => (params[name] === undefined ? whole : fill(params[name])));
  return {
    lang,
    t,
    // Only .one and .other exist: the five languages need no other form for the counts shown.
    count: (key, count, params = {}) => t(`${key}.${plurals.select(count) === 'one' ? 'one' : 'other'}` as Key, { ...params, count }),
    parts(key) {
      return catalog[key].split(/(\{\w+\})/).filter((piece) => piece !== '').map((piece) => {
        const slot = /^\{(\w+)\}$/.exec(piece)?.[1];
        return slot === undefined ? { text: piece } : { slot };
      });
    },
    date: (ms) => dates.format(new Date(ms)),
    dateTime: (ms) => dateTimes.format(new Date(ms)),
    duration(ms) {
      const [value, unit] = ms % DAY_MS === 0 ? [ms / DAY_MS, 'day'] : ms % HOUR_MS === 0 ? [ms / HOUR_MS, 'hour'] : [Math.ceil(ms / 60_000), 'minute'];
      return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    },
  };
}
