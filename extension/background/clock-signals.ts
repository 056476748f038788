// Pure: what the background should show and schedule for a meeting at one moment — the badge,
// the warning and time's-up alarms, the overlay snapshot. Alarm names carry the item, the clock
// log length and the item's planned time, so an alarm that fires after the clock changed, or
// after the running item was given another time box in the agenda, is recognised as stale; and
// a re-timed item gets alarms of new names, which replace the old ones. A re-timing that moves
// a pending alarm's moment into the past announces it at once instead (overtakenSignal).
import type { MeetingView } from '../../crdt/views.ts';
import type { ClockSnapshot } from '../platform/messages.ts';

export const ALARM_PREFIX = 'ltm:' as const;
export const TICK_ALARM = 'ltm:tick' as const;

export type AlarmKind = 'warn' | 'timesup';

export interface PlannedAlarm {
  readonly name: string;
  /** Local Date.now() time at which Chrome should fire it. */
  readonly when: number;
}

export interface ParsedAlarm {
  readonly kind: AlarmKind;
  readonly itemId: string;
  readonly eventCount: number;
  readonly plannedMs: number;
}

export const MINUTE_MS = 60_000;

/** The planned time as it goes into a name: whole milliseconds, as a stored time box may be a
 *  fraction of a second, or too large for plain digits. */
function plannedKey(plannedMs: number): number {
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(plannedMs)));
}

export function alarmName(kind: AlarmKind, itemId: string, eventCount: number, plannedMs: number): string {
  return `${ALARM_PREFIX}${kind}:${itemId}:${eventCount}:${plannedKey(plannedMs)}`;
}

export function parseAlarmName(name: string): ParsedAlarm | null {
  const m = /^ltm:(warn|timesup):([A-Za-z0-9_-]+):(\d+):(\d+)$/.exec(name);
  return m ? { kind: m[1] as AlarmKind, itemId: m[2]!, eventCount: Number(m[3]), plannedMs: Number(m[4]) } : null;
}

/** True while the meeting is under way on an item, counting or paused. */
export function isRunning(view: MeetingView): boolean {
  const c = view.clock;
  return c.started && !c.ended && c.currentItemId !== null;
}

/** True when the clock is counting down the current item right now. */
export function isCounting(view: MeetingView): boolean {
  return isRunning(view) && !view.clock.paused;
}

export function planAlarms(view: MeetingView, localNow: number, warnMinutes: number): PlannedAlarm[] {
  const c = view.clock;
  if (!isCounting(view) || c.itemOverrun || c.currentItemId === null) return [];
  const alarms: PlannedAlarm[] = [];
  const warnMs = warnMinutes * MINUTE_MS;
  if (warnMinutes > 0 && c.itemRemainingMs > warnMs) {
    alarms.push({ name: alarmName('warn', c.currentItemId, c.eventCount, c.itemPlannedMs), when: localNow + c.itemRemainingMs - warnMs });
  }
  alarms.push({ name: alarmName('timesup', c.currentItemId, c.eventCount, c.itemPlannedMs), when: localNow + c.itemRemainingMs });
  return alarms;
}

/** An alarm still applies when the same item is current with the same time box, and no clock
 *  event happened since. */
export function alarmStillApplies(alarm: ParsedAlarm, view: MeetingView): boolean {
  const c = view.clock;
  return isCounting(view) && c.currentItemId === alarm.itemId && c.eventCount === alarm.eventCount && plannedKey(c.itemPlannedMs) === alarm.plannedMs;
}

export interface OvertakenSignal {
  readonly kind: AlarmKind;
  /** The name it is announced under: the alarm the item's new time box would have planned. */
  readonly name: string;
}

/** What to announce now when re-timing the running item cleared alarms (`cleared`, their names)
 *  whose moment its new time box has already passed: shortened below what has run, time's up;
 *  below the warning point, the warning. Only a re-timing overtakes an alarm: the same item and
 *  clock event with another planned time. Time's up covers the warning too. */
export function overtakenSignal(cleared: readonly string[], view: MeetingView, warnMinutes: number): OvertakenSignal | null {
  const c = view.clock;
  // An item removed from the agenda while it runs has no time box left to have passed.
  if (!isCounting(view) || c.currentItemId === null || c.currentIndex < 0) return null;
  const kind: AlarmKind | null = c.itemOverrun ? 'timesup' : warnMinutes > 0 && c.itemRemainingMs <= warnMinutes * MINUTE_MS ? 'warn' : null;
  if (kind === null) return null;
  const overtaken = cleared.some((name) => {
    const alarm = parseAlarmName(name);
    return (
      alarm !== null &&
      (kind === 'timesup' || alarm.kind === 'warn') &&
      alarm.itemId === c.currentItemId &&
      alarm.eventCount === c.eventCount &&
      alarm.plannedMs !== plannedKey(c.itemPlannedMs)
    );
  });
  return overtaken ? { kind, name: alarmName(kind, c.currentItemId, c.eventCount, c.itemPlannedMs) } : null;
}

/** An overtaken signal is still due when the running item keeps the time box that passed it
 *  and is still past that moment: typing a time box saves each keystroke, so "1" on the way to
 *  "15" must not announce anything once "15" is there. */
export function overtakenStillDue(signal: OvertakenSignal, view: MeetingView, warnMinutes: number): boolean {
  const c = view.clock;
  if (!isCounting(view) || c.currentItemId === null || c.currentIndex < 0) return false;
  if (signal.name !== alarmName(signal.kind, c.currentItemId, c.eventCount, c.itemPlannedMs)) return false;
  return signal.kind === 'timesup' ? c.itemOverrun : !c.itemOverrun && warnMinutes > 0 && c.itemRemainingMs <= warnMinutes * MINUTE_MS;
}

export interface BadgeState {
  readonly text: string;
  readonly tone: 'none' | 'running' | 'paused' | 'overrun';
}

// Minutes rounded up, so "1m" shows until the box is over; overrun gets a "+" (never colour alone).
export function badgeFor(view: MeetingView | null): BadgeState {
  if (!view || !isRunning(view)) return { text: '', tone: 'none' };
  const c = view.clock;
  if (c.itemOverrun) return { text: `+${Math.max(1, Math.ceil(c.itemOverrunMs / MINUTE_MS))}m`, tone: 'overrun' };
  const text = `${Math.ceil(c.itemRemainingMs / MINUTE_MS)}m`;
  return { text, tone: c.paused ? 'paused' : 'running' };
}

export function currentItemTitle(view: MeetingView): string {
  return view.items.find((i) => i.id === view.clock.currentItemId)?.title ?? '';
}

export function nextItemTitle(view: MeetingView): string | null {
  const index = view.clock.currentIndex;
  return index < 0 ? null : (view.items[index + 1]?.title ?? null);
}

export function snapshotFor(view: MeetingView | null, localNow: number): ClockSnapshot {
  const c = view?.clock;
  const active = !!view && isRunning(view);
  return {
    active,
    meetingTitle: view?.title ?? '',
    itemTitle: active && view ? currentItemTitle(view) : '',
    itemRemainingMs: c?.itemRemainingMs ?? 0,
    itemOverrunMs: c?.itemOverrunMs ?? 0,
    paused: c?.paused ?? false,
    computedAt: localNow,
  };
}
