// Clock operations append one intent event each. An operation that the fold would ignore right
// now (next from an item that is no longer current, resume while running, ...) appends nothing
// and returns false, so the log stays a record of what people actually did.
import type * as Y from 'yjs';
import type { ClockEvent, ClockLog } from './clock-events.ts';
import { clockView } from './clock-view.ts';
import type { ItemId } from './ids.ts';
import { meetingRoots } from './meeting-doc.ts';
import { readClockLog } from './meeting-read.ts';
import { LIMITS } from './schema.ts';
import { InvalidInputError, UnknownItemError } from './errors.ts';
import { isId } from './ids.ts';
import { checkSeconds, checkTime } from './validate-input.ts';
import type { ClockStamp, ClockView } from './views.ts';

function current(doc: Y.Doc, stamp: ClockStamp): { log: ClockLog; view: ClockView } {
  checkTime(stamp.now, 'now');
  if (stamp.now < LIMITS.minClockTime || stamp.now > LIMITS.maxClockTime) {
    throw new InvalidInputError('now: a clock time between 2000 and 2200');
  }
  const log = readClockLog(doc);
  return { log, view: clockView(log, stamp.now) };
}

// Only the event is written: whether and when the meeting ended is read from the fold, so a
// Next that a concurrent jump makes stale cannot leave an "ended" mark behind.
function append(doc: Y.Doc, event: ClockEvent): true {
  meetingRoots(doc).clock.push([{ ...event }]);
  return true;
}

/** Checks an item id the caller chose: malformed or not on the agenda is refused by name. */
function agendaItem(log: ClockLog, itemId: ItemId): ItemId {
  if (!isId(itemId)) throw new InvalidInputError('itemId: not an id');
  if (!log.items.some((i) => i.id === itemId)) throw new UnknownItemError(`itemId: ${itemId} is not on the agenda`);
  return itemId;
}

/** Starts at the given item, or the first on the agenda; false if already started or empty. */
export function startMeeting(doc: Y.Doc, stamp: ClockStamp, itemId?: ItemId): boolean {
  const { log, view } = current(doc, stamp);
  const first = itemId === undefined ? log.items[0]?.id : agendaItem(log, itemId);
  if (view.started || first === undefined) return false;
  return append(doc, { op: 'start', itemId: first, at: stamp.now, by: stamp.by });
}

/**
 * Advances from `from` to the next agenda item; from the last item it ends the meeting. When
 * `from` was removed from the agenda meanwhile (a co-editor deleted the running item), its place
 * is unknown, so the meeting goes on with the first item not yet visited.
 */
export function nextItem(doc: Y.Doc, from: ItemId, stamp: ClockStamp): boolean {
  const { log, view } = current(doc, stamp);
  if (!view.started || view.ended || view.currentItemId !== from) return false;
  const index = log.items.findIndex((i) => i.id === from);
  const to = index < 0
    ? log.items.find((i) => !view.visited.includes(i.id))?.id ?? null
    : log.items[index + 1]?.id ?? null;
  return append(doc, { op: 'next', itemId: from, to, at: stamp.now, by: stamp.by });
}

export function extendItem(doc: Y.Doc, itemId: ItemId, sec: number, stamp: ClockStamp): boolean {
  checkSeconds(sec, 'extend', LIMITS.maxExtendSec);
  const { view } = current(doc, stamp);
  if (sec === 0 || !view.started || view.ended || view.currentItemId !== itemId) return false;
  return append(doc, { op: 'extend', itemId, sec, at: stamp.now, by: stamp.by });
}

export function pauseClock(doc: Y.Doc, stamp: ClockStamp): boolean {
  const { view } = current(doc, stamp);
  if (!view.running) return false;
  return append(doc, { op: 'pause', itemId: view.currentItemId, at: stamp.now, by: stamp.by });
}

export function resumeClock(doc: Y.Doc, stamp: ClockStamp): boolean {
  const { view } = current(doc, stamp);
  if (!view.paused || view.ended) return false;
  return append(doc, { op: 'resume', itemId: view.currentItemId, at: stamp.now, by: stamp.by });
}

export function jumpToItem(doc: Y.Doc, itemId: ItemId, stamp: ClockStamp): boolean {
  if (!isId(itemId)) throw new InvalidInputError('itemId: not an id');
  const { log, view } = current(doc, stamp);
  if (!view.started || view.ended || view.currentItemId === itemId) return false;
  if (!log.items.some((i) => i.id === itemId)) return false;
  return append(doc, { op: 'jump', itemId, at: stamp.now, by: stamp.by });
}

export function endMeeting(doc: Y.Doc, stamp: ClockStamp): boolean {
  const { view } = current(doc, stamp);
  if (!view.started || view.ended) return false;
  return append(doc, { op: 'end', itemId: view.currentItemId, at: stamp.now, by: stamp.by });
}

/** Pauses a counting clock or resumes a paused one: one key or button, whatever the state. */
export function toggleClock(doc: Y.Doc, stamp: ClockStamp): boolean {
  const { view } = current(doc, stamp);
  return view.paused ? resumeClock(doc, stamp) : pauseClock(doc, stamp);
}
