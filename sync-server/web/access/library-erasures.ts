// What the relay should not keep once it is gone from a document: the entries removed for good
// from a library (Delete forever, the trash purge). The room's stored log would otherwise hold
// their titles and agendas in old rows until its next compaction by size, which for a quiet
// library may never come; a removal asks the room to compact at once, and its snapshot no longer
// carries what Yjs dropped. Meeting documents are erased whole (meeting-deletion.ts).
import type * as Y from 'yjs';
import { onEntriesRemoved, removedEntryCount } from '../../../crdt/erased-meetings.ts';
import { parseDocName } from '../../../wire/doc-name.ts';
import type { ErasureWatch } from '../../relay/access-gate.ts';

const NOTHING_TO_WATCH: ErasureWatch = { compacted: () => {}, stop: () => {} };

export function watchLibraryErasures(docName: string, doc: Y.Doc, erased: () => void): ErasureWatch {
  if (parseDocName(docName)?.kind !== 'library') return NOTHING_TO_WATCH;
  // Removals the stored rows may still carry from before (an earlier version, a compaction that
  // failed, a room unloaded first): compacting at load costs one snapshot of a small document.
  if (removedEntryCount(doc) > 0) erased();
  return { compacted: () => {}, stop: onEntriesRemoved(doc, erased) };
}
