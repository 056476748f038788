// Next item and pause/resume for the active meeting, from keyboard commands (or, with the
// auto-advance setting, from the time's-up alarm). They append to the clock log like any view.
import { nextItem, pauseClock, resumeClock } from '../../crdt/clock-ops.ts';
import { now } from '../data/clock-offset.ts';
import { actorId } from '../platform/device.ts';
import type { ActiveMeeting } from './active-meeting.ts';

export type ClockCommand = 'next' | 'toggle-pause';

export async function runClockCommand(meeting: ActiveMeeting | null, command: ClockCommand): Promise<boolean> {
  if (!meeting) return false;
  const stamp = { now: now(), by: await actorId() };
  const clock = meeting.view().clock;
  if (!clock.started || clock.ended || clock.currentItemId === null) return false;
  if (command === 'next') return nextItem(meeting.handle.doc, clock.currentItemId, stamp);
  return clock.paused ? resumeClock(meeting.handle.doc, stamp) : pauseClock(meeting.handle.doc, stamp);
}
