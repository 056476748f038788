// Access to a meeting document's shared types, shared by the operations and the readers.
import * as Y from 'yjs';
import { MEETING_ROOT } from './schema.ts';
import type { Fields } from './read-fields.ts';

export interface MeetingRoots {
  readonly meta: Y.Map<unknown>;
  readonly items: Y.Array<unknown>;
  readonly notes: Y.Text;
  readonly actions: Y.Array<unknown>;
  readonly decisions: Y.Array<unknown>;
  readonly clock: Y.Array<unknown>;
}

export function meetingRoots(doc: Y.Doc): MeetingRoots {
  return {
    meta: doc.getMap(MEETING_ROOT.meta),
    items: doc.getArray(MEETING_ROOT.items),
    notes: doc.getText(MEETING_ROOT.notes),
    actions: doc.getArray(MEETING_ROOT.actions),
    decisions: doc.getArray(MEETING_ROOT.decisions),
    clock: doc.getArray(MEETING_ROOT.clock),
  };
}

/** The entry with this id and its array position, or null (e.g. removed on another replica). */
export function findEntry(array: Y.Array<unknown>, id: string): { map: Fields; index: number } | null {
  let found: { map: Fields; index: number } | null = null;
  array.forEach((value, index) => {
    if (found === null && value instanceof Y.Map && value.get('id') === id) found = { map: value as Fields, index };
  });
  return found;
}

export function removeEntry(array: Y.Array<unknown>, id: string): boolean {
  const found = findEntry(array, id);
  if (found === null) return false;
  array.delete(found.index, 1);
  return true;
}

// Writes only the fields present in the patch that differ, so concurrent edits of different
// fields merge and a no-op edit adds nothing to the Y.Doc; true when something was written.
export function patchFields(map: Fields, patch: Readonly<Record<string, unknown>>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && map.get(key) !== value) {
      map.set(key, value);
      changed = true;
    }
  }
  return changed;
}
