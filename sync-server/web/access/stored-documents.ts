// Reads an account's documents back from the DocumentStore. The store is the authority even for a
// live room, because the relay commits every update before it broadcasts it. Each document is
// opened with its kind's root types declared, so toJSON() shows readable content.
import * as Y from 'yjs';
import { libraryRoots } from '../../../crdt/library-doc.ts';
import { meetingRoots } from '../../../crdt/meeting-doc.ts';
import { meetingView } from '../../../crdt/meeting-view.ts';
import { parseDocName, type DocKind } from '../../../wire/doc-name.ts';
import type { DocumentStore } from '../../relay/storage/document-store.ts';

export interface StoredDoc {
  readonly name: string;
  readonly kind: DocKind;
  readonly id: string;
  readonly doc: Y.Doc;
}

const DECLARE_ROOTS: Record<DocKind, (doc: Y.Doc) => unknown> = {
  library: libraryRoots,
  meeting: meetingRoots,
};

/** The document as stored, or null when the relay holds no row of it (never synced). */
export async function loadStoredDoc(store: DocumentStore, name: string): Promise<StoredDoc | null> {
  const parsed = parseDocName(name);
  if (parsed === null) return null;
  const { updates } = await store.load(name);
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...updates]));
  DECLARE_ROOTS[parsed.kind](doc);
  return { name, kind: parsed.kind, id: parsed.id, doc };
}

export function meetingTitle(doc: Y.Doc, now: number): string {
  return meetingView(doc, now).title;
}
