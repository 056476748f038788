// The person's library document (templates and the meeting index) for the side panel. It follows
// the library name, which changes at sign-in; until the first name is known `view` is empty.
import type * as Y from 'yjs';
import { openDoc, type DocHandle } from '../../data/doc-connection.ts';
import { currentLibraryName, onLibraryNameChanged } from '../../data/library-name.ts';
import { BUILTIN_TEMPLATES, libraryView, type LibraryView } from '../../../crdt/index.ts';
import { LiveRead } from '../../components/live-read.svelte.ts';
import { LiveStatus } from '../../components/sync-status.svelte.ts';
import type { SyncStatus } from '../../components/component-types.ts';

const EMPTY: LibraryView = { templates: BUILTIN_TEMPLATES, meetings: [], warnings: [] };

type Open = { readonly handle: DocHandle; readonly read: LiveRead<LibraryView>; readonly status: LiveStatus };

class Library {
  #open: Open | null = $state.raw(null);
  loaded = $state(false);
  readonly ready: Promise<Y.Doc>;

  constructor() {
    this.ready = currentLibraryName().then((name) => this.#switchTo(name));
    onLibraryNameChanged((name) => void this.#switchTo(name));
  }

  async #switchTo(name: string): Promise<Y.Doc> {
    if (this.#open?.handle.name === name) return this.#open.handle.doc;
    const handle = openDoc(name);
    const previous = this.#open;
    this.#open = { handle, read: new LiveRead(handle.doc, libraryView), status: new LiveStatus(handle) };
    previous?.read.destroy();
    previous?.handle.release();
    await handle.whenLoaded;
    this.loaded = true;
    return handle.doc;
  }

  get doc(): Y.Doc | null {
    return this.#open?.handle.doc ?? null;
  }

  get view(): LibraryView {
    return this.#open?.read.current ?? EMPTY;
  }

  get status(): SyncStatus {
    return this.#open?.status.current ?? 'local';
  }
}

export const library = new Library();
