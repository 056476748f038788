// Formats durations for clocks, lists and reports in the UI language. Pure apart from asking
// which language that is, so the web viewer and tests share it; a negative duration is an
// overrun and is always shown with its sign spelled out by callers.
import { formatDuration } from '../../crdt/duration-text.ts';
import { uiLanguage } from '../platform/i18n.ts';

export const SECONDS_PER_MINUTE = 60 as const;

export function clockText(ms: number): string {
  const totalSec = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / SECONDS_PER_MINUTE);
  const s = totalSec % SECONDS_PER_MINUTE;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

// One formatter per locale and kind: building an Intl formatter costs far more than using one,
// and a library lists hundreds of dates.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

export function cachedFormat<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

export function minutesText(sec: number, locale = uiLanguage()): string {
  const min = Math.round(sec / SECONDS_PER_MINUTE);
  return cachedFormat(`min|${locale}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' })).format(min);
}

export function durationText(sec: number, locale = uiLanguage()): string {
  return formatDuration(sec, locale, 'narrow');
}

/** Relative times ("in 2 minutes", "3 hours ago") in the UI language. */
export function relativeFormat(locale = uiLanguage()): Intl.RelativeTimeFormat {
  return cachedFormat(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
}

/** "in 2 minutes", in the UI language. */
export function inMinutesText(minutes: number, locale = uiLanguage()): string {
  return relativeFormat(locale).format(minutes, 'minute');
}

export function dateTimeText(ms: number, locale?: string): string {
  const make = () => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return cachedFormat(`dt|${locale ?? ''}`, make).format(ms);
}

/** A calendar day without the time, e.g. "2 Mar 2026". */
export function dateText(ms: number, locale?: string): string {
  const make = () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return cachedFormat(`d|${locale ?? ''}`, make).format(ms);
}
