// Durations in words for the user's language ("1 Std. 5 Min.", "1h 5m"). Intl.DurationFormat
// where the runtime has it (Chromium does, Node 20 does not); otherwise the same shape built
// from unit-formatted numbers joined as a unit list, so both runtimes read alike.
export type DurationStyle = 'long' | 'short' | 'narrow';

interface DurationFormatLike {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
type DurationFormatCtor = new (locale: string, options: { style: DurationStyle }) => DurationFormatLike;

const UNITS = ['hour', 'minute', 'second'] as const;
const cache = new Map<string, (parts: readonly number[]) => string>();

function fallbackFormatter(locale: string, style: DurationStyle): (parts: readonly number[]) => string {
  const numbers = UNITS.map((unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: style }));
  const list = new Intl.ListFormat(locale, { type: 'unit', style });
  return (parts) => {
    const shown = parts.map((n, i) => (n > 0 ? numbers[i]!.format(n) : '')).filter((s) => s !== '');
    return shown.length === 0 ? numbers[2]!.format(0) : list.format(shown);
  };
}

function formatterFor(locale: string, style: DurationStyle): (parts: readonly number[]) => string {
  const key = `${locale}|${style}`;
  let format = cache.get(key);
  if (format) return format;
  const fallback = fallbackFormatter(locale, style);
  const Ctor = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (Ctor) {
    const native = new Ctor(locale, { style });
    // A zero duration has no non-zero field to show; the unit list says "0 s" consistently.
    format = ([hours, minutes, seconds]) => (hours! + minutes! + seconds! === 0 ? fallback([0, 0, 0]) : native.format({ hours, minutes, seconds }));
  } else {
    format = fallback;
  }
  cache.set(key, format);
  return format;
}

/** Whole seconds, rounded; the magnitude of a negative duration (callers say "over" in words). */
export function formatDuration(totalSec: number, locale = 'en', style: DurationStyle = 'short'): string {
  const sec = Math.round(Math.abs(totalSec));
  const parts = [Math.floor(sec / 3600), Math.floor((sec % 3600) / 60), sec % 60];
  return formatterFor(locale, style)(parts);
}
