// The part of the library state that needs Yjs and IndexedDB, loaded on demand so the side
// panel's first frame (drawn from the list snapshot) does not wait for it to be parsed.
import type * as Y from 'yjs';
import { purgeTrash } from '../../../crdt/index.ts';
import { ticker } from './ticker.ts';

export { onLocalSavesFailing, openDoc, type DocHandle } from '../../data/doc-connection.ts';
export { currentLibraryName, onLibraryNameChanged } from '../../data/library-name.ts';
export { libraryView } from '../../../crdt/index.ts';
export { watchErasedMeetings } from './meeting-erasure.ts';
export { keepRemovalsOutOfStorage } from './library-compaction.ts';

/** What has been in the trash longer than the data model keeps it goes, on this device too. */
export function purgeExpired(lib: Y.Doc): void {
  purgeTrash(lib, ticker.corrected());
}
