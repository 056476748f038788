// "3 minutes ago" and its absolute twin for a hover, in the UI language: how a list of things
// made at different times (share links) tells them apart at a glance and exactly on demand.
import { uiLanguage } from '../platform/i18n.ts';
import { cachedFormat, relativeFormat } from './format-time.ts';

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['second', 1_000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
  ['month', 2_592_000_000],
  ['year', 31_536_000_000],
];
// Below a minute the seconds are noise; "now" says what matters.
const NOW_WITHIN_MS = 60_000;

export function relativeTimeText(at: number, now: number, locale = uiLanguage()): string {
  const format = relativeFormat(locale);
  const diff = at - now;
  if (Math.abs(diff) < NOW_WITHIN_MS) return format.format(0, 'second');
  let unit = UNITS[1]!;
  for (const candidate of UNITS) if (Math.abs(diff) >= candidate[1]) unit = candidate;
  return format.format(Math.round(diff / unit[1]), unit[0]);
}

export function absoluteTimeText(at: number, locale = uiLanguage()): string {
  return cachedFormat(`abs|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}
