// The account page's words in one language: messages with {name} placeholders filled in, plural
// forms chosen by Intl.PluralRules, and dates formatted by Intl.DateTimeFormat in that language,
// so a German page never shows an English date. Shell and script both speak through this.
import { CATALOGS, type AccountLanguage } from './account-languages.ts';
import type { MessageKey } from './en.ts';

export type Params = Readonly<Record<string, string | number>>;
/** A message that has plural forms: its key without the .one / .other ending. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;
/** A message cut at its placeholders, for markup that puts an element where a value goes. */
export type MessagePart = { readonly text: string } | { readonly slot: string };

const PLACEHOLDER = /\{(\w+)\}/g;

export interface Translator {
  readonly lang: AccountLanguage;
  t(key: MessageKey, params?: Params): string;
  count(key: PluralKey, count: number, params?: Params): string;
  parts(key: MessageKey): MessagePart[];
  date(ms: number): string;
  dateTime(ms: number): string;
}

export function translator(lang: AccountLanguage): Translator {
  const catalog = CATALOGS[lang];
  const plurals = new Intl.PluralRules(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const t = (key: MessageKey, params: Params = {}) =>
    catalog[key].replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return {
    lang,
    t,
    // Only .one and .other exist: the five languages need no other form for a count of sessions.
    count: (key, count, params = {}) => t(`${key}.${plurals.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, { ...params, count }),
    parts(key) {
      return catalog[key].split(/(\{\w+\})/).filter((piece) => piece !== '').map((piece) => {
        const slot = /^\{(\w+)\}$/.exec(piece)?.[1];
        return slot === undefined ? { text: piece } : { slot };
      });
    },
    date: (ms) => dates.format(new Date(ms)),
    dateTime: (ms) => dateTimes.format(new Date(ms)),
  };
}
