// What the popup shows: the active meeting (opened from its document, with the folded clock)
// or, when nothing runs, the soonest upcoming meeting from the library index.
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import { watchMeetingUsage } from '../data/usage-watch.ts';
import { currentLibraryName } from '../data/library-name.ts';
import { currentOffsetMs } from '../data/clock-offset.ts';
import { getActiveMeeting, onActiveMeetingChanged } from '../platform/active-meeting.ts';
import { actorId } from '../platform/device.ts';
import { sendUsageEvent } from '../platform/usage-events.ts';
import {
  clockView,
  libraryView,
  meetingDocName,
  meetingView,
  nextItem,
  parseId,
  pauseClock,
  readClockLog,
  resumeClock,
  type ClockLog,
  type ClockView,
  type LibraryView,
  type MeetingId,
  type MeetingView,
} from '../../crdt/index.ts';
import { LiveRead } from '../components/live-read.svelte.ts';
import { Ticker } from '../components/ticker.svelte.ts';

type Active = { readonly handle: DocHandle; readonly meeting: LiveRead<MeetingView>; readonly log: LiveRead<ClockLog>; readonly stopUsage: () => void };

export class PopupState {
  readonly ticker = new Ticker(currentOffsetMs);
  active: Active | null = $state.raw(null);
  library: LiveRead<LibraryView> | null = $state.raw(null);
  ready = $state(false);
  #libraryHandle: DocHandle | null = null;

  constructor() {
    void this.#init();
  }

  async #init(): Promise<void> {
    const libraryHandle = openDoc(await currentLibraryName());
    this.#libraryHandle = libraryHandle;
    await libraryHandle.whenLoaded;
    this.library = new LiveRead(libraryHandle.doc, libraryView);
    await this.#follow(await getActiveMeeting());
    onActiveMeetingChanged((id) => void this.#follow(id));
    this.ready = true;
  }

  async #follow(raw: string | null): Promise<void> {
    const id = parseId<MeetingId>(raw);
    const previous = this.active;
    if (previous && previous.handle.name === (id && meetingDocName(id))) return;
    let next: Active | null = null;
    if (id) {
      const handle = openDoc(meetingDocName(id));
      await handle.whenLoaded;
      next = {
        handle,
        meeting: new LiveRead(handle.doc, (d) => meetingView(d, Date.now())),
        log: new LiveRead(handle.doc, readClockLog),
        stopUsage: watchMeetingUsage(handle.doc, sendUsageEvent),
      };
    }
    this.active = next;
    previous?.meeting.destroy();
    previous?.log.destroy();
    previous?.stopUsage();
    previous?.handle.release();
  }

  get clock(): ClockView | null {
    return this.active ? clockView(this.active.log.current, this.ticker.now) : null;
  }

  async next(): Promise<void> {
    const clock = this.clock;
    if (!this.active || !clock?.currentItemId) return;
    nextItem(this.active.handle.doc, clock.currentItemId, { now: this.ticker.corrected(), by: await actorId() });
  }

  async togglePause(): Promise<void> {
    const clock = this.clock;
    if (!this.active || !clock) return;
    const stamp = { now: this.ticker.corrected(), by: await actorId() };
    if (clock.paused) resumeClock(this.active.handle.doc, stamp);
    else pauseClock(this.active.handle.doc, stamp);
  }

  close(): void {
    this.#libraryHandle?.release();
    this.active?.stopUsage();
    this.active?.handle.release();
  }
}
