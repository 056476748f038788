// Keeps the active meeting's document open in the service worker and reports its read model on
// every change. The service worker can be stopped at any time; on restart this re-opens the doc
// from IndexedDB, so nothing here is state that would be lost.
import { meetingDocName } from '../../crdt/doc-names.ts';
import type { MeetingId } from '../../crdt/ids.ts';
import { meetingView } from '../../crdt/meeting-view.ts';
import type { MeetingView } from '../../crdt/views.ts';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import { now } from '../data/clock-offset.ts';
import { getActiveMeeting, onActiveMeetingChanged } from '../platform/active-meeting.ts';

export interface ActiveMeeting {
  readonly id: MeetingId;
  readonly handle: DocHandle;
  view(): MeetingView;
}

export class ActiveMeetingFollower {
  private active: ActiveMeeting | null = null;
  private generation = 0;
  readonly ready: Promise<void>;

  constructor(private readonly onChange: (meeting: ActiveMeeting | null) => void) {
    onActiveMeetingChanged((id) => void this.follow(id));
    this.ready = getActiveMeeting().then((id) => this.follow(id));
  }

  current(): ActiveMeeting | null {
    return this.active;
  }

  private async follow(id: string | null): Promise<void> {
    const generation = ++this.generation;
    if (this.active?.id === id) return;
    this.active?.handle.release();
    this.active = null;
    if (id === null) {
      this.onChange(null);
      return;
    }
    const handle = openDoc(meetingDocName(id as MeetingId));
    await handle.whenLoaded;
    if (generation !== this.generation) {
      handle.release();
      return;
    }
    const meeting: ActiveMeeting = { id: id as MeetingId, handle, view: () => meetingView(handle.doc, now()) };
    this.active = meeting;
    handle.doc.on('update', () => {
      if (this.active === meeting) this.onChange(meeting);
    });
    this.onChange(meeting);
  }
}
