// Formats durations for clocks, lists and reports. Pure, so the web viewer and tests share it;
// a negative duration is an overrun and is always shown with its sign spelled out by callers.

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

export function minutesText(sec: number): string {
  const min = Math.round(sec / SECONDS_PER_MINUTE);
  return `${min} min`;
}

export function durationText(sec: number): string {
  const s = Math.round(Math.abs(sec));
  if (s < SECONDS_PER_MINUTE) return `${s}s`;
  const m = Math.floor(s / SECONDS_PER_MINUTE);
  const rest = s % SECONDS_PER_MINUTE;
  return rest === 0 ? `${m}m` : `${m}m ${String(rest).padStart(2, '0')}s`;
}

// One formatter per locale: building an Intl.DateTimeFormat costs far more than using one, and
// a library lists hundreds of dates.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeText(ms: number, locale?: string): string {
  const key = locale ?? '';
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    dateTimeFormats.set(key, format);
  }
  return format.format(ms);
}
