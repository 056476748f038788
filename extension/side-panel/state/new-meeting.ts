// Making a meeting document and going to it, for every way a meeting is made (new, follow-up):
// the document is filled once it has loaded, listed in the library, and its page opened. This
// handle is handed over to the page (released once the page holds the document), so the new
// meeting is never closed and read back from storage in between: a write the browser refuses
// (storage full) would otherwise lose it.
import type * as Y from 'yjs';
import { openDoc } from '../../data/doc-connection.ts';
import { meetingDocName, newId, type MeetingId } from '../../../crdt/index.ts';
import { syncIndexEntry } from '../../live/index-sync.ts';
import { library } from './library.svelte.ts';
import { random } from './randomness.ts';
import { router } from './router.svelte.ts';
import { ticker } from './ticker.ts';

export async function createAndOpenMeeting(fill: (doc: Y.Doc, id: MeetingId, now: number) => void): Promise<MeetingId> {
  const id: MeetingId = newId(random);
  const now = ticker.corrected();
  const handle = openDoc(meetingDocName(id));
  try {
    await handle.whenLoaded;
    fill(handle.doc, id, now);
    syncIndexEntry(handle.doc, await library.ready, now);
    router.go({ view: 'meeting', id });
  } catch (error) {
    handle.release();
    throw error;
  }
  handle.handOver();
  return id;
}
