// After a sign-in, every meeting the account's library lists is opened once with sync on, so its
// first token request makes the account its owner and its local content reaches the relay; the
// meetings in its trash too, so one restored later is the account's like the rest.
// One meeting at a time, each bounded, so a large library cannot flood the relay.
import { libraryDocName, libraryView, meetingDocName, type SpaceId } from '../../crdt/index.ts';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import type { SyncStatus } from '../data/sync-status.ts';

const PER_MEETING_LIMIT_MS = 15_000;

/** Also done when the relay refused the document for good: waiting would not change that. */
const SETTLED: ReadonlySet<SyncStatus> = new Set(['synced', 'full', 'refused']);

function whenSettled(handle: DocHandle): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, PER_MEETING_LIMIT_MS);
    const stop = handle.onStatus((status) => SETTLED.has(status) && done());
    if (SETTLED.has(handle.status())) done();
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

let running: Promise<void> | null = null;

export function claimMeetings(accountId: string): Promise<void> {
  running ??= (async () => {
    const library = openDoc(libraryDocName(accountId as SpaceId));
    try {
      await library.whenLoaded;
      await whenSettled(library);
      const view = libraryView(library.doc);
      const ids = [...view.meetings.map((m) => m.id), ...view.trash.flatMap((e) => (e.kind === 'meeting' ? [e.id] : []))];
      for (const id of ids) {
        const handle = openDoc(meetingDocName(id));
        await handle.whenLoaded;
        await whenSettled(handle);
        handle.release();
      }
    } finally {
      library.release();
      running = null;
    }
  })();
  return running;
}
