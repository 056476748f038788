// Keeps a meeting's entry in the library index in step with the meeting document (title,
// schedule, status), so the library lists every meeting without opening each document; the side
// panel, the popup and the background each do it for what they change. A meeting
// removed from the library for good is never listed again from here: its document may still be
// open (closing, or edited on a device that had not heard of the removal yet). Nor is a meeting
// added to a library it was not opened from when that library does not know it: after a sign-out
// the local library would list the account's meeting, and the next sign-in, of anyone, would
// merge it into their account.
import type * as Y from 'yjs';
import { addIndexEntry, isErasedMeeting, libraryView, meetingIndexEntry } from '../../crdt/index.ts';

/** `onlyKnown`: update the entry of a meeting the library lists or holds in its trash, and add
 *  none. */
export function syncIndexEntry(meeting: Y.Doc, lib: Y.Doc, now: number, onlyKnown = false): void {
  const entry = meetingIndexEntry(meeting, now);
  if (entry === null || isErasedMeeting(lib, entry.id)) return;
  const view = libraryView(lib);
  const listed = view.meetings.find((m) => m.id === entry.id);
  if (onlyKnown && listed === undefined && !view.trash.some((e) => e.kind === 'meeting' && e.id === entry.id)) return;
  const same =
    listed !== undefined &&
    listed.title === entry.title &&
    listed.scheduledFor === entry.scheduledFor &&
    listed.status === entry.status &&
    listed.followUpOf === entry.followUpOf;
  if (!same) addIndexEntry(lib, entry, now);
}

export const INDEX_SYNC_DELAY_MS = 300 as const;

/**
 * Re-syncs after changes of the meeting, coalesced: typing notes must not rebuild the index
 * entry on every keystroke, and opening a meeting must not wait for it. `lib` is asked for the
 * library at each sync, as a sign-in or sign-out switches to another one while the meeting stays
 * open; a library other than the first is only updated where it knows the meeting (a sign-in
 * merged it in), never given it. Stopping flushes a pending sync (once the library is at hand).
 * Returns the stop function.
 */
export function followMeeting(meeting: Y.Doc, lib: () => Promise<Y.Doc>, now: () => number, delayMs: number = INDEX_SYNC_DELAY_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let openedFrom: Y.Doc | null = null;
  const sync = (): void => {
    timer = null;
    void lib().then((doc) => {
      openedFrom ??= doc;
      syncIndexEntry(meeting, doc, now(), doc !== openedFrom);
    });
  };
  const schedule = (): void => {
    if (!stopped && timer === null) timer = setTimeout(sync, delayMs);
  };
  schedule();
  meeting.on('update', schedule);
  return () => {
    stopped = true;
    meeting.off('update', schedule);
    if (timer !== null) {
      clearTimeout(timer);
      sync();
    }
  };
}
