// When a follow-up is first proposed for: the same weekday and time of day one week after the
// meeting (its scheduled time, else when it started, else now), moved on by whole weeks until it
// lies ahead. Days are added on the local calendar, so 10:00 stays 10:00 across a clock change.
const WEEK_DAYS = 7;

export function defaultFollowUpTime(base: number | null, now: number): number {
  const d = new Date(base ?? now);
  d.setSeconds(0, 0);
  do d.setDate(d.getDate() + WEEK_DAYS);
  while (d.getTime() <= now);
  return d.getTime();
}
