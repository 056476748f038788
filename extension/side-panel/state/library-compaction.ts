// Keeps what leaves the library for good out of this browser's storage. y-indexeddb appends every
// update and merges its log only every 500 rows, so a meeting or template deleted for good (its
// title, its agenda) stayed readable in the library's IndexedDB rows long after it had left the
// document. So the log is rewritten as one update of the current state, from which Yjs has
// already dropped the deleted content:
// - after each removal seen live (Delete forever, the trash purge, another device), several in a
//   row (a purge) giving one rewrite;
// - at open, when the library holds more removals than at this profile's last rewrite: removals
//   that another context (popup, background) stored while the side panel was closed, or whose
//   rewrite a closing panel cut short.
// The count at the last completed rewrite is kept in localStorage, per library.
import type * as Y from 'yjs';
import { onEntriesRemoved, removedEntryCount } from '../../../crdt/index.ts';

const SETTLE_MS = 300;
const markKey = (library: string) => `ltm-library-rewritten-removals:${library}`;

export function keepRemovalsOutOfStorage(library: string, lib: Y.Doc, compact: () => Promise<void>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const rewrite = async (): Promise<void> => {
    const removals = removedEntryCount(lib);
    try {
      await compact();
    } catch (error) {
      // The next removal or the next open tries again: the mark still says what was rewritten.
      console.warn('the library log could not be rewritten', error);
      return;
    }
    if (!stopped) localStorage.setItem(markKey(library), String(removals));
  };
  const stopWatching = onEntriesRemoved(lib, () => {
    timer ??= setTimeout(() => {
      timer = null;
      void rewrite();
    }, SETTLE_MS);
  });
  if (removedEntryCount(lib) > Number(localStorage.getItem(markKey(library)) ?? 0)) void rewrite();
  return () => {
    stopped = true;
    stopWatching();
    if (timer !== null) clearTimeout(timer);
  };
}
