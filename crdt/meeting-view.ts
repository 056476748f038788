// The whole meeting as plain frozen data for the UI, with the clock folded at `now`.
import type * as Y from 'yjs';
import { clockView } from './clock-view.ts';
import { clockLogOf, readActions, readClockEvents, readDecisions, readItems, readMeta, readUnknownRoots } from './meeting-read.ts';
import { Reader } from './read-fields.ts';
import { meetingRoots } from './meeting-doc.ts';
import type { ItemId } from './ids.ts';
import type { ClockView, ItemState, ItemView, MeetingStatus, MeetingView } from './views.ts';

// The fold alone decides: documents written by older versions carry a meta endedAt beside the
// log, which a concurrent jump may have made stale, so it is never read.
export function meetingStatus(clock: ClockView): MeetingStatus {
  if (clock.ended) return 'ended';
  return clock.started ? 'running' : 'planned';
}

function itemState(clock: ClockView, id: ItemId): ItemState {
  if (clock.currentItemId === id && !clock.ended) return 'current';
  return clock.visited.includes(id) ? 'visited' : 'upcoming';
}

export function meetingView(doc: Y.Doc, now: number): MeetingView {
  const r = new Reader();
  const meta = readMeta(doc, r);
  const records = readItems(doc, r);
  const actions = readActions(doc, r);
  const decisions = readDecisions(doc, r);
  const events = readClockEvents(doc, r.warnings);
  readUnknownRoots(doc, r);
  const clock = clockView(clockLogOf(events, records, meta.durationSec, []), now);
  const items: ItemView[] = records.map((rec, index) =>
    Object.freeze({
      id: rec.id,
      index,
      title: rec.title,
      plannedSec: rec.plannedSec,
      owner: rec.owner,
      prompt: rec.prompt,
      notes: rec.notes,
      done: rec.done,
      state: itemState(clock, rec.id),
      actualMs: clock.actualMs[rec.id] ?? 0,
      extendedSec: clock.extendedSec[rec.id] ?? 0,
    }),
  );
  const itemsPlannedSec = records.reduce((sum, i) => sum + i.plannedSec, 0);
  return Object.freeze({
    ...meta,
    // Two devices may end at once; the clock's fold says which end counted.
    endedAt: clock.endedAt,
    status: meetingStatus(clock),
    items: Object.freeze(items),
    itemsPlannedSec,
    plannedSec: meta.durationSec ?? itemsPlannedSec,
    planFits: meta.durationSec === null || itemsPlannedSec <= meta.durationSec,
    notes: meetingRoots(doc).notes.toString(),
    actions: Object.freeze(actions),
    decisions: Object.freeze(decisions),
    clock,
    warnings: Object.freeze(r.warnings),
  });
}
