// A meeting document as the extension's contexts open it: the shared handle from
// doc-connection (IndexedDB, the other contexts, the relay) with the usage counting every
// context does for what happens while it has the meeting open. Closing gives both back.
import { meetingDocName, type MeetingId } from '../../crdt/index.ts';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import { watchMeetingUsage } from '../data/usage-watch.ts';
import { sendUsageEvent } from '../platform/usage-events.ts';
import type { MeetingSource } from './live-meeting.ts';

export interface StoredMeeting extends MeetingSource {
  readonly id: MeetingId;
  readonly handle: DocHandle;
}

export function openStoredMeeting(id: MeetingId): StoredMeeting {
  const handle = openDoc(meetingDocName(id));
  const stopUsage = watchMeetingUsage(handle.doc, sendUsageEvent);
  return {
    id,
    handle,
    doc: handle.doc,
    close() {
      stopUsage();
      handle.release();
    },
  };
}
