/// <reference types="chrome" />
// Keeps chrome.alarms equal to the plan for the active meeting: our alarms that are no longer
// planned are cleared, planned ones that are missing are created. A periodic tick keeps the
// badge's minutes current while a meeting runs (alarms wake a stopped service worker). Returns
// the names of the clock alarms it cleared before they fired.
import { ALARM_PREFIX, TICK_ALARM, type PlannedAlarm } from './clock-signals.ts';

const TICK_PERIOD_MIN = 0.5;

export async function syncAlarms(planned: readonly PlannedAlarm[], ticking: boolean): Promise<string[]> {
  const existing = (await chrome.alarms.getAll()).filter((a) => a.name.startsWith(ALARM_PREFIX));
  const wanted = new Map(planned.map((a) => [a.name, a]));
  const cleared: string[] = [];
  for (const alarm of existing) {
    if (alarm.name === TICK_ALARM ? !ticking : !wanted.has(alarm.name)) {
      if ((await chrome.alarms.clear(alarm.name)) && alarm.name !== TICK_ALARM) cleared.push(alarm.name);
    }
    wanted.delete(alarm.name);
  }
  for (const alarm of wanted.values()) await chrome.alarms.create(alarm.name, { when: alarm.when });
  if (ticking && !existing.some((a) => a.name === TICK_ALARM)) {
    await chrome.alarms.create(TICK_ALARM, { periodInMinutes: TICK_PERIOD_MIN });
  }
  return cleared;
}
