// What the relay should not keep once it is gone from a document: the entries removed for good
// from a library (Delete forever, the trash purge). The room's stored log would otherwise hold
// their titles and agendas in old rows until its next compaction by size, which for a quiet
// library may never come; a removal asks the room to compact at once, and its snapshot no longer
// carries what Yjs dropped. Meeting documents are erased whole (meeting-deletion.ts).
//
// Rows can also carry removals from before the room loaded (an earlier version, a compaction that
// failed, a room unloaded first), so a load asks too, but only when the library counts more
// removals than this node's last compaction of every row covered: a removal count only grows, and
// a full compaction leaves no removed content behind. What it costs: one number per library with
// removals (at most REMEMBERED_LIBRARIES, the least recently compacted forgotten first), a count of
// the library's entries at each load and each full compaction, and, since the numbers live in
// memory, one compaction of each such library at its first load after a start (or on a node that
// did not compact it last), which is what every load cost before.
import type * as Y from 'yjs';
import { onEntriesRemoved, removedEntryCount } from '../../../crdt/erased-meetings.ts';
import { parseDocName } from '../../../wire/doc-name.ts';
import type { ErasureWatch } from '../../relay/access-gate.ts';

/** Forgetting one costs that library one compaction at its next load, nothing worse. */
const REMEMBERED_LIBRARIES = 10_000;

const NOTHING_TO_WATCH: ErasureWatch = { compacted: () => {}, stop: () => {} };

export class LibraryErasures {
  /** Per library: the removals its last full compaction on this node covered (only counts > 0). */
  readonly #covered = new Map<string, number>();

  watch(docName: string, doc: Y.Doc, erased: () => void): ErasureWatch {
    if (parseDocName(docName)?.kind !== 'library') return NOTHING_TO_WATCH;
    if (removedEntryCount(doc) > (this.#covered.get(docName) ?? 0)) erased();
    return {
      compacted: () => this.#remember(docName, removedEntryCount(doc)),
      stop: onEntriesRemoved(doc, erased),
    };
  }

  #remember(docName: string, removals: number): void {
    if (removals === 0) return;
    // Re-inserted, so the map's order is the order of the last compactions.
    this.#covered.delete(docName);
    this.#covered.set(docName, removals);
    if (this.#covered.size > REMEMBERED_LIBRARIES) this.#covered.delete(this.#covered.keys().next().value!);
  }
}
