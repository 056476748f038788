// Keeps the active meeting's document open in the service worker and reports its read model on
// every change. The service worker can be stopped at any time; on restart this re-opens the doc
// from IndexedDB, so nothing here is state that would be lost.
import { meetingDocName } from '../../crdt/doc-names.ts';
import type { MeetingId } from '../../crdt/ids.ts';
import { meetingView } from '../../crdt/meeting-view.ts';
import type { MeetingView } from '../../crdt/views.ts';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import { now } from '../data/clock-offset.ts';
import { watchMeetingUsage } from '../data/usage-watch.ts';
import { getActiveMeeting, onActiveMeetingChanged } from '../platform/active-meeting.ts';
import { sendUsageEvent } from '../platform/usage-events.ts';

export interface ActiveMeeting {
  readonly id: MeetingId;
  readonly handle: DocHandle;
  view(): MeetingView;
}

export class ActiveMeetingFollower {
  private active: ActiveMeeting | null = null;
  // Counts what the background itself does to the clock (keyboard commands, auto-advance).
  private stopUsage: () => void = () => undefined;
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
    this.stopUsage();
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
    this.stopUsage = watchMeetingUsage(handle.doc, sendUsageEvent);
    handle.doc.on('update', () => {
      if (this.active === meeting) this.onChange(meeting);
    });
    this.onChange(meeting);
  }
}
