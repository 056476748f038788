// A time box as a person types it and reads it back: "m:ss" ("0:06", "12:30"), plain minutes
// ("5") or decimal minutes ("1.5", "1,5" where a comma is the decimal mark). The model keeps
// whole seconds; the field always shows them as m:ss, so 0.1 minutes reads 0:06, never "0".
const SECONDS_PER_MINUTE = 60;
export const MAX_DURATION_SEC = 600 * SECONDS_PER_MINUTE;

export type DurationProblem = 'empty' | 'invalid' | 'too-long';

export type DurationParse =
  | { readonly ok: true; readonly sec: number }
  | { readonly ok: false; readonly problem: DurationProblem };

// Seconds take exactly two digits, so "1:3" is a typo to point out rather than a guess at 1:03.
const MINUTES_SECONDS = /^(\d{1,4}):([0-5]\d)$/;
const DECIMAL_MINUTES = /^(\d{1,4})(?:[.,](\d{0,6}))?$|^[.,](\d{1,6})$/;

function problem(p: DurationProblem): DurationParse {
  return { ok: false, problem: p };
}

function bounded(sec: number): DurationParse {
  return sec > MAX_DURATION_SEC ? problem('too-long') : { ok: true, sec };
}

export function parseDurationInput(text: string): DurationParse {
  const s = text.trim();
  if (s === '') return problem('empty');
  const ms = MINUTES_SECONDS.exec(s);
  if (ms) return bounded(Number(ms[1]) * SECONDS_PER_MINUTE + Number(ms[2]));
  const dm = DECIMAL_MINUTES.exec(s);
  if (!dm) return problem('invalid');
  const whole = dm[1] ?? '0';
  const fraction = dm[2] ?? dm[3] ?? '';
  const minutes = Number(`${whole}.${fraction || '0'}`);
  return bounded(Math.round(minutes * SECONDS_PER_MINUTE));
}

/** m:ss for any whole number of seconds (minutes are not folded into hours: 90:00). */
export function durationInputText(sec: number): string {
  const total = Math.max(0, Math.round(sec));
  const m = Math.floor(total / SECONDS_PER_MINUTE);
  const s = total % SECONDS_PER_MINUTE;
  return `${m}:${String(s).padStart(2, '0')}`;
}
