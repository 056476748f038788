// Turns what this context does to a meeting document into usage events. Only local transactions
// count (what arrives from another context, device or IndexedDB is applied non-locally), so a
// change is counted once, by the context that made it, however many pages show the meeting.
// Clock events are read from the folded clock: the meeting starting or ending and the clock
// entering an item, whichever control (Start, Next, jump, keyboard, auto-advance) caused it.
import type * as Y from 'yjs';
import { clockView, itemNotesText, meetingNotesText, readClockLog, type ClockView } from '../../crdt/index.ts';
import { MEETING_ROOT } from '../../crdt/schema.ts';
import type { UsageEvent } from './usage-report.ts';

type ClockState = Pick<ClockView, 'started' | 'ended' | 'currentItemId'>;

export function clockUsage(before: ClockState, after: ClockState): UsageEvent[] {
  const events: UsageEvent[] = [];
  if (!before.started && after.started) events.push('meeting_started');
  if (!after.ended && after.currentItemId !== null && after.currentItemId !== before.currentItemId) events.push('item_started');
  if (!before.ended && after.ended) events.push('meeting_ended');
  return events;
}

function readClock(doc: Y.Doc): ClockState {
  return clockView(readClockLog(doc), Date.now());
}

function hasNotes(doc: Y.Doc): boolean {
  if (meetingNotesText(doc).length > 0) return true;
  return readClockLog(doc).items.some((item) => (itemNotesText(doc, item.id)?.length ?? 0) > 0);
}

/** Reports the meeting's usage events made in this context until the returned stop is called. */
export function watchMeetingUsage(doc: Y.Doc, send: (event: UsageEvent) => void): () => void {
  const clockArray = doc.getArray(MEETING_ROOT.clock);
  let clock = readClock(doc);
  // Once per meeting: the first notes typed where there were none (not every keystroke).
  let notesSeen = hasNotes(doc);
  const onTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.has(clockArray)) {
      const next = readClock(doc);
      if (tr.local) clockUsage(clock, next).forEach(send);
      clock = next;
    }
    if (!notesSeen && hasNotes(doc)) {
      notesSeen = true;
      if (tr.local) send('notes_created');
    }
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
