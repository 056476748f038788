// Converts between epoch milliseconds and the values of native date and time inputs
// (<input type="datetime-local">, or a "date" and a "time" input side by side), which hold local
// wall-clock time without a zone.
export function localInputValue(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function parseLocalInput(value: string): number | null {
  if (value === '') return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The values of a date input and a time input for this moment. */
export function dateAndTimeValues(ms: number): { readonly date: string; readonly time: string } {
  const [date = '', time = ''] = localInputValue(ms).split('T');
  return { date, time };
}

/** A date input's and a time input's values as one moment; a missing time is the day's start. */
export function parseDateAndTime(date: string, time: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return parseLocalInput(`${date}T${/^\d{2}:\d{2}/.test(time) ? time : '00:00'}`);
}
