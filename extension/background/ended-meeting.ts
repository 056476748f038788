// A meeting that ended where no side panel showed it (Next on its last item pressed in the popup
// or with the keyboard, or an end on another device): the library index is told it ended, so
// the library no longer lists it as running, and it stops being this device's active meeting,
// so the badge, the overlay and the popup let it go. The side panel does the same for the
// meeting it shows; both are idempotent.
import { relayClock } from '../data/clock-offset.ts';
import { currentLibraryName } from '../data/library-name.ts';
import { openDoc } from '../data/doc-connection.ts';
import { getActiveMeeting, setActiveMeeting } from '../platform/active-meeting.ts';
import { syncIndexEntry } from '../side-panel/state/index-sync.ts';
import type { ActiveMeeting } from './active-meeting.ts';

/** The meeting being settled: the refreshes that follow its end ask again until it is. */
let settling: string | null = null;

export async function settleEndedMeeting(active: ActiveMeeting): Promise<void> {
  if (settling === active.id) return;
  settling = active.id;
  try {
    const library = openDoc(await currentLibraryName());
    try {
      await library.whenLoaded;
      syncIndexEntry(active.meeting.doc, library.doc, relayClock.corrected());
    } finally {
      // Kept open a little, so the socket holder can send the change before the document closes.
      library.handOver();
    }
    if ((await getActiveMeeting()) === active.id) await setActiveMeeting(null);
  } finally {
    settling = null;
  }
}
