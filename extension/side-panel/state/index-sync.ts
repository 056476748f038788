// Keeps a meeting's entry in the library index in step with the meeting document (title,
// schedule, status), so the library lists every meeting without opening each document.
import type * as Y from 'yjs';
import { addIndexEntry, libraryView, meetingIndexEntry } from '../../../crdt/index.ts';

export function syncIndexEntry(meeting: Y.Doc, lib: Y.Doc, now: number): void {
  const entry = meetingIndexEntry(meeting, now);
  if (entry === null) return;
  const listed = libraryView(lib).meetings.find((m) => m.id === entry.id);
  const same =
    listed !== undefined &&
    listed.title === entry.title &&
    listed.scheduledFor === entry.scheduledFor &&
    listed.status === entry.status &&
    listed.followUpOf === entry.followUpOf;
  if (!same) addIndexEntry(lib, entry, now);
}

/** Re-syncs after every change of the meeting; returns the unsubscribe. */
export function followMeeting(meeting: Y.Doc, lib: Promise<Y.Doc>, now: () => number): () => void {
  let stopped = false;
  let target: Y.Doc | null = null;
  const onUpdate = (): void => {
    if (target && !stopped) syncIndexEntry(meeting, target, now());
  };
  void lib.then((doc) => {
    target = doc;
    onUpdate();
  });
  meeting.on('update', onUpdate);
  return () => {
    stopped = true;
    meeting.off('update', onUpdate);
  };
}
