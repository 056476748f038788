// The trash of a library: deleting a meeting or template only stamps its entry with deletedAt, so
// the deletion travels to every device like any other edit and can be undone there. Restoring
// removes the stamp; a restore concurrent with a new deletion loses to it (Yjs keeps a concurrent
// set over a delete), so replicas always agree. Entries stamped longer ago than
// LIMITS.trashKeepMs are purged by whichever device opens the library: the rule reads only the
// stamp and the time, so two devices agree on what goes, and a purge done twice is harmless.
import type * as Y from 'yjs';
import type { MeetingId, TemplateId } from './ids.ts';
import { entryMap, libraryRoots } from './library-doc.ts';
import { isFiniteNumber, type Fields } from './read-fields.ts';
import { INDEX_KEY, LIMITS, TEMPLATE_KEY } from './schema.ts';
import { checkTime } from './validate-input.ts';

export type TrashRef = { readonly kind: 'meeting'; readonly id: MeetingId } | { readonly kind: 'template'; readonly id: TemplateId };

const DELETED_AT = { meeting: INDEX_KEY.deletedAt, template: TEMPLATE_KEY.deletedAt } as const;

function rootOf(lib: Y.Doc, kind: TrashRef['kind']): Y.Map<unknown> {
  const roots = libraryRoots(lib);
  return kind === 'meeting' ? roots.meetings : roots.templates;
}

/** When the entry was deleted, or null while it is not in the trash (or the stamp is malformed). */
export function deletedAtOf(map: Fields, kind: TrashRef['kind']): number | null {
  const value = map.get(DELETED_AT[kind]);
  return isFiniteNumber(value) ? value : null;
}

export function purgeTimeOf(deletedAt: number): number {
  return deletedAt + LIMITS.trashKeepMs;
}

/** Puts the entry into the trash; false when it does not exist (removed on another device). */
export function moveToTrash(lib: Y.Doc, ref: TrashRef, now: number): boolean {
  checkTime(now, 'now');
  let found = false;
  lib.transact(() => {
    const map = entryMap(rootOf(lib, ref.kind), ref.id);
    if (map === null) return;
    found = true;
    if (deletedAtOf(map, ref.kind) === null) map.set(DELETED_AT[ref.kind], now);
  });
  return found;
}

/** Takes the entry out of the trash; false when it is not there (restored or purged elsewhere). */
export function restoreFromTrash(lib: Y.Doc, ref: TrashRef): boolean {
  let found = false;
  lib.transact(() => {
    const map = entryMap(rootOf(lib, ref.kind), ref.id);
    if (map === null || !map.has(DELETED_AT[ref.kind])) return;
    found = true;
    map.delete(DELETED_AT[ref.kind]);
  });
  return found;
}

/** Removes a trashed entry for good; an entry not in the trash is left alone. */
export function deleteForever(lib: Y.Doc, ref: TrashRef): boolean {
  let found = false;
  lib.transact(() => {
    const root = rootOf(lib, ref.kind);
    const map = entryMap(root, ref.id);
    if (map === null || deletedAtOf(map, ref.kind) === null) return;
    found = true;
    root.delete(ref.id);
  });
  return found;
}

/** Removes every entry whose time in the trash has run out at `now`; returns what it removed. */
export function purgeTrash(lib: Y.Doc, now: number): TrashRef[] {
  checkTime(now, 'now');
  const expired: TrashRef[] = [];
  for (const kind of ['meeting', 'template'] as const) {
    const root = rootOf(lib, kind);
    root.forEach((_value, id) => {
      const map = entryMap(root, id);
      const deletedAt = map === null ? null : deletedAtOf(map, kind);
      if (deletedAt !== null && purgeTimeOf(deletedAt) <= now) expired.push({ kind, id } as TrashRef);
    });
  }
  // No transaction when nothing expired: opening a library must not write an empty update.
  if (expired.length > 0) lib.transact(() => expired.forEach((ref) => rootOf(lib, ref.kind).delete(ref.id)));
  return expired;
}
