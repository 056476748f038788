// Keeps the active meeting open in the service worker as a LiveMeeting and reports every change
// to it. The service worker can be stopped at any time; on restart this re-opens the doc from
// IndexedDB, so nothing here is state that would be lost.
import { parseId, type MeetingId } from '../../crdt/index.ts';
import { relayClock } from '../data/clock-offset.ts';
import { getActiveMeeting, onActiveMeetingChanged } from '../platform/active-meeting.ts';
import { actorId } from '../platform/device.ts';
import { LiveMeeting } from '../live/live-meeting.ts';
import { openStoredMeeting } from '../live/stored-meeting.ts';

export interface ActiveMeeting {
  readonly id: MeetingId;
  readonly meeting: LiveMeeting;
}

export class ActiveMeetingFollower {
  private active: ActiveMeeting | null = null;
  private stopWatching: () => void = () => undefined;
  private generation = 0;
  readonly ready: Promise<void>;

  constructor(private readonly onChange: (active: ActiveMeeting | null) => void) {
    onActiveMeetingChanged((id) => void this.follow(id));
    this.ready = getActiveMeeting().then((id) => this.follow(id));
  }

  current(): ActiveMeeting | null {
    return this.active;
  }

  private async follow(raw: string | null): Promise<void> {
    const generation = ++this.generation;
    const id = parseId<MeetingId>(raw);
    if (this.active?.id === id) return;
    this.stopWatching();
    this.active?.meeting.close();
    this.active = null;
    if (id === null) {
      this.onChange(null);
      return;
    }
    const source = openStoredMeeting(id);
    const actor = await actorId();
    await source.handle.whenLoaded;
    if (generation !== this.generation) {
      source.close();
      return;
    }
    const active: ActiveMeeting = { id, meeting: new LiveMeeting({ source, clock: relayClock, actor: () => actor }) };
    this.active = active;
    this.stopWatching = active.meeting.onChange(() => {
      if (this.active === active) this.onChange(active);
    });
    this.onChange(active);
  }
}
