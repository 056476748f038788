// Which meetings have left a library for good (deleted forever, purged from the trash, or removed
// on another device): their index key is gone, not merely stamped as in the trash. A Y.Map keeps
// the last (deleted) item of a removed key, so the removal can be read after the fact, on a
// device that was closed when it happened, without any field written beside the index. Devices
// use it to erase their own copy of each such meeting and to stop re-listing it, and to drop
// whatever left the library for good (meetings and templates) from their own storage.
import type * as Y from 'yjs';
import { isId, type MeetingId } from './ids.ts';
import { libraryRoots } from './library-doc.ts';

/** True when the meeting was listed in this library and has been removed from it for good. */
export function isErasedMeeting(lib: Y.Doc, id: string): boolean {
  return libraryRoots(lib).meetings._map.get(id)?.deleted === true;
}

/** Every meeting removed from the library for good, in no particular order. */
export function erasedMeetingIds(lib: Y.Doc): MeetingId[] {
  const erased: MeetingId[] = [];
  for (const [id, item] of libraryRoots(lib).meetings._map) if (item.deleted && isId(id)) erased.push(id as MeetingId);
  return erased;
}

/** Calls back with the meetings each later transaction removes for good, whoever made it. */
export function onMeetingsErased(lib: Y.Doc, cb: (ids: MeetingId[]) => void): () => void {
  const meetings = libraryRoots(lib).meetings;
  const observer = (event: Y.YMapEvent<unknown>): void => {
    const ids: MeetingId[] = [];
    for (const [id, change] of event.changes.keys) if (change.action === 'delete' && isId(id)) ids.push(id as MeetingId);
    if (ids.length > 0) cb(ids);
  };
  meetings.observe(observer);
  return () => meetings.unobserve(observer);
}

/** Calls back after each later transaction that removes any entry (meeting or template) for good. */
export function onEntriesRemoved(lib: Y.Doc, cb: () => void): () => void {
  const roots = Object.values(libraryRoots(lib));
  const observer = (event: Y.YMapEvent<unknown>): void => {
    for (const change of event.changes.keys.values()) {
      if (change.action === 'delete') return cb();
    }
  };
  for (const root of roots) root.observe(observer);
  return () => {
    for (const root of roots) root.unobserve(observer);
  };
}

/** How many entries (meetings and templates) have been removed from the library for good so far;
 *  it only grows, so a device can tell whether removals came since it last looked. */
export function removedEntryCount(lib: Y.Doc): number {
  let count = 0;
  for (const root of Object.values(libraryRoots(lib))) for (const item of root._map.values()) if (item.deleted) count++;
  return count;
}
