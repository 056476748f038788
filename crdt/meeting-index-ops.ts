// The library's index of meetings, so lists render without opening each meeting's Y.Doc.
// Entries are maps, so a title changed on one device and a status on another both survive.
import * as Y from 'yjs';
import { clockView } from './clock-view.ts';
import type { MeetingId } from './ids.ts';
import { InvalidInputError } from './errors.ts';
import { isId } from './ids.ts';
import { entryMap, libraryRoots } from './library-doc.ts';
import { patchFields } from './meeting-doc.ts';
import { readClockLog, readMeta } from './meeting-read.ts';
import { meetingStatus } from './meeting-view.ts';
import { Reader } from './read-fields.ts';
import { INDEX_KEY } from './schema.ts';
import { checkNullableId, checkNullableTime, checkTime, checkTitle } from './validate-input.ts';
import type { MeetingIndexEntry } from './views.ts';

export type IndexPatch = Partial<Pick<MeetingIndexEntry, 'title' | 'scheduledFor' | 'status' | 'followUpOf'>>;

// updatedAt moves only when a field really changed, so re-syncing an unchanged entry is free.
function write(map: Y.Map<unknown>, patch: IndexPatch, now: number): void {
  checkTime(now, 'now');
  let changed = patchFields(map, {
    [INDEX_KEY.title]: patch.title === undefined ? undefined : checkTitle(patch.title),
    [INDEX_KEY.status]: patch.status,
  });
  for (const key of [INDEX_KEY.scheduledFor, INDEX_KEY.followUpOf] as const) {
    const value = patch[key];
    if (value === undefined || map.get(key) === value) continue;
    map.set(key, key === INDEX_KEY.scheduledFor ? checkNullableTime(value as number | null, key) : checkNullableId(value as MeetingId | null, key));
    changed = true;
  }
  if (changed || map.get(INDEX_KEY.updatedAt) === undefined) map.set(INDEX_KEY.updatedAt, now);
}

/** Adds the entry, or updates it when this meeting is already listed. */
export function addIndexEntry(lib: Y.Doc, entry: Omit<MeetingIndexEntry, 'updatedAt'>, now: number): void {
  if (!isId(entry.id)) throw new InvalidInputError('meeting id');
  lib.transact(() => {
    const meetings = libraryRoots(lib).meetings;
    let map = entryMap(meetings, entry.id);
    if (map === null) {
      map = new Y.Map<unknown>();
      map.set(INDEX_KEY.id, entry.id);
      map.set(INDEX_KEY.createdAt, checkTime(entry.createdAt, 'createdAt'));
      meetings.set(entry.id, map);
    }
    write(map, entry, now);
  });
}

/** The index entry a meeting document implies right now, or null if it has no id yet. */
export function meetingIndexEntry(meeting: Y.Doc, now: number): Omit<MeetingIndexEntry, 'updatedAt'> | null {
  const meta = readMeta(meeting, new Reader());
  if (meta.id === null) return null;
  const status = meetingStatus(clockView(readClockLog(meeting), now));
  return { id: meta.id, title: meta.title, scheduledFor: meta.scheduledFor, status, createdAt: meta.createdAt, followUpOf: meta.followUpOf };
}
