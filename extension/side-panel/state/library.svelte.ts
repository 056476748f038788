// The person's library document (templates and the meeting index) for the side panel. It follows
// the library name, which changes at sign-in; until the document has loaded, `view` is the last
// snapshot of it (or empty). Opening a library purges what has been in its trash too long, and
// erases the meetings that left it for good (meeting-erasure.ts), from this browser's copy of the
// library too (library-compaction.ts).
import type * as Y from 'yjs';
import type { LibraryView } from '../../../crdt/index.ts';
import type { DocHandle } from './library-live.ts';
import { LiveRead } from '../../components/live-read.svelte.ts';
import { LiveStatus } from '../../components/sync-status.svelte.ts';
import type { SyncStatus } from '../../components/component-types.ts';
import { readSnapshot, scheduleSnapshot, writeSnapshot } from './library-snapshot.ts';
import { afterFirstPaint } from '../../components/after-first-paint.ts';

const EMPTY: LibraryView = { templates: [], meetings: [], trash: [], warnings: [] };
// The list paints from the snapshot first; loading Yjs and the document from IndexedDB before
// that paint only delays it (afterFirstPaint).
const live = afterFirstPaint().then(() => import('./library-live.ts'));
type Live = Awaited<typeof live>;

type Open = { readonly handle: DocHandle; readonly read: LiveRead<LibraryView>; readonly status: LiveStatus };

class Library {
  #open: Open | null = $state.raw(null);
  /** Stops the open library's erasure watches; not state, so setting it re-renders nothing. */
  #stopWatches: () => void = () => {};
  #snapshot = $state.raw(readSnapshot());
  loaded = $state(false);
  /** Stored rows of the open library that could not be read (kept aside); the list says so. */
  unreadableRows = $state(0);
  /** This browser refuses to store changes of a document open in this page (storage full). */
  storageFull = $state(false);
  #ready: Promise<Y.Doc>;

  constructor() {
    this.#ready = live.then(async (m) => {
      m.onLocalSavesFailing((failing) => (this.storageFull = failing));
      m.onLibraryNameChanged((name) => (this.#ready = this.#switchTo(m, name)));
      return this.#switchTo(m, await m.currentLibraryName());
    });
  }

  /** The library document open now, once loaded. Read it again for each write: a sign-in or
   *  sign-out switches to another library and closes the one before. */
  get ready(): Promise<Y.Doc> {
    return this.#ready;
  }

  async #switchTo(m: Live, name: string): Promise<Y.Doc> {
    const { libraryView, purgeExpired, watchErasedMeetings, keepRemovalsOutOfStorage } = m;
    if (this.#open?.handle.name === name) return this.#open.handle.doc;
    if (this.#snapshot?.name !== name) this.#snapshot = null;
    const handle = m.openDoc(name);
    this.unreadableRows = 0;
    const previous = this.#open;
    this.#open = { handle, read: new LiveRead(handle.doc, libraryView), status: new LiveStatus(handle) };
    previous?.read.destroy();
    this.#stopWatches();
    this.#stopWatches = () => {};
    previous?.handle.release();
    void handle.unreadableRows.then((rows) => {
      if (this.#open?.handle === handle) this.unreadableRows = rows;
    });
    await handle.whenLoaded;
    // Watched before the purge, so what the purge removes is erased too.
    if (this.#open?.handle === handle) {
      const stops = [watchErasedMeetings(handle.doc), keepRemovalsOutOfStorage(name, handle.doc, () => handle.compactStorage())];
      this.#stopWatches = () => stops.forEach((stop) => stop());
    }
    purgeExpired(handle.doc);
    writeSnapshot(name, libraryView(handle.doc));
    handle.doc.on('update', () => scheduleSnapshot(name, () => libraryView(handle.doc)));
    this.loaded = true;
    // Switched again while this one loaded: the newer library is the one to write to.
    return this.#open?.handle === handle ? handle.doc : this.#ready;
  }

  get doc(): Y.Doc | null {
    return this.#open?.handle.doc ?? null;
  }

  // Until the live document has loaded, the snapshot (if any) stands in for it.
  get view(): LibraryView {
    if (this.#open && this.loaded) return this.#open.read.current;
    return this.#snapshot?.view ?? EMPTY;
  }

  get status(): SyncStatus {
    return this.#open?.status.current ?? 'local';
  }
}

export const library = new Library();
