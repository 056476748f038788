// A meeting that ended where no side panel showed it (Next on its last item pressed in the popup
// or with the keyboard, or an end on another device): the library index is told it ended, so
// the library no longer lists it as running, and it stops being this device's active meeting,
// so the badge, the overlay and the popup let it go. The side panel does the same for the
// meeting it shows; both are idempotent.
import { relayClock } from '../data/clock-offset.ts';
import { currentLibraryName } from '../data/library-name.ts';
import { openDoc } from '../data/doc-connection.ts';
import { getActiveMeeting, setActiveMeeting } from '../platform/active-meeting.ts';
import { syncIndexEntry } from '../live/index-sync.ts';
import type { ActiveMeeting } from './active-meeting.ts';

/** Meetings being settled, so the refreshes that follow an end do not settle it twice at once. */
const settling = new Set<string>();

export async function settleEndedMeeting(active: ActiveMeeting): Promise<void> {
  if (settling.has(active.id)) return;
  settling.add(active.id);
  try {
    const library = openDoc(await currentLibraryName());
    try {
      await library.whenLoaded;
      // Only a library that knows the meeting: after a sign-out, an account's meeting ending
      // must not be listed in the local library (and merged into the next account signed in).
      syncIndexEntry(active.meeting.doc, library.doc, relayClock.corrected(), true);
    } finally {
      // Kept open a little, so the socket holder can send the change before the document closes.
      library.handOver();
    }
    if ((await getActiveMeeting()) === active.id) await setActiveMeeting(null);
  } catch (error) {
    // Storage or the library gone (a closing worker): the next refresh of this meeting tries again.
    console.warn(`meeting/${active.id}: its end could not be recorded`, error);
  } finally {
    settling.delete(active.id);
  }
}
