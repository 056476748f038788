// Library edits for relay tests about what a library keeps: an entry with a title the stored
// bytes can be searched for, its removal for good (through the trash, as the extension does it),
// and the rows a fresh library's edits make, as a device would have sent them one by one.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { addIndexEntry, deleteForever, moveToTrash, type MeetingId } from '../../../crdt/index.ts';

/** Adds a planned meeting titled `title` to the library's index; returns its id. */
export function addEntry(lib: Y.Doc, title: string): MeetingId {
  const id = randomBytes(16).toString('base64url') as MeetingId;
  addIndexEntry(lib, { id, title, scheduledFor: null, status: 'planned', createdAt: Date.now(), followUpOf: null }, Date.now());
  return id;
}

/** Moves the entry to the trash and deletes it from there for good, in two transactions. */
export function eraseEntry(lib: Y.Doc, id: MeetingId): void {
  moveToTrash(lib, { kind: 'meeting', id }, Date.now());
  deleteForever(lib, { kind: 'meeting', id });
}

/** The updates an edit of a fresh library makes, one per transaction. */
export function libraryRows(edit: (lib: Y.Doc) => void): Uint8Array[] {
  const lib = new Y.Doc();
  const rows: Uint8Array[] = [];
  lib.on('update', (update: Uint8Array) => rows.push(update));
  edit(lib);
  return rows;
}
