// The part of the library state that needs Yjs and IndexedDB, loaded on demand so the side
// panel's first frame (drawn from the list snapshot) does not wait for it to be parsed.
export { openDoc, type DocHandle } from '../../data/doc-connection.ts';
export { currentLibraryName, onLibraryNameChanged } from '../../data/library-name.ts';
export { libraryView } from '../../../crdt/index.ts';
