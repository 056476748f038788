// One open meeting in the side panel: its document handle, the meeting read model (recomputed
// on document change) and the clock (recomputed on every tick from the folded log). Every UI
// command on a meeting goes through here, stamped with the corrected time and this actor.
import * as Y from 'yjs';
import { openDoc, type DocHandle } from '../../data/doc-connection.ts';
import { watchMeetingUsage } from '../../data/usage-watch.ts';
import { sendUsageEvent } from '../../platform/usage-events.ts';
import {
  clockView,
  endMeeting,
  extendItem,
  jumpToItem,
  meetingDocName,
  meetingView,
  nextItem,
  pauseClock,
  readClockLog,
  resumeClock,
  startMeeting,
  type ClockLog,
  type ClockStamp,
  type ClockView,
  type ItemId,
  type MeetingId,
  type MeetingView,
} from '../../../crdt/index.ts';
import { LiveRead } from '../../components/live-read.svelte.ts';
import { LiveStatus } from '../../components/sync-status.svelte.ts';
import type { Ticker } from '../../components/ticker.svelte.ts';
import { actor } from './randomness.ts';
import { followPresence } from './presence.ts';

export class MeetingSession {
  readonly id: MeetingId;
  readonly handle: DocHandle;
  readonly status: LiveStatus;
  readonly #meeting: LiveRead<MeetingView>;
  readonly #log: LiveRead<ClockLog>;
  readonly #ticker: Ticker;
  readonly #stopUsage: () => void;
  readonly #stopPresence: () => void;
  loaded = $state(false);

  constructor(id: MeetingId, ticker: Ticker) {
    this.id = id;
    this.#ticker = ticker;
    this.handle = openDoc(meetingDocName(id));
    this.status = new LiveStatus(this.handle);
    // The structural model is read with a fixed now; only the clock below follows time.
    this.#meeting = new LiveRead(this.handle.doc, (doc) => meetingView(doc, Date.now()));
    this.#log = new LiveRead(this.handle.doc, readClockLog);
    this.#stopUsage = watchMeetingUsage(this.handle.doc, sendUsageEvent);
    this.#stopPresence = followPresence(this.handle.awareness);
    void this.handle.whenLoaded.then(() => {
      this.loaded = true;
    });
  }

  get doc(): Y.Doc {
    return this.handle.doc;
  }

  get view(): MeetingView {
    return this.#meeting.current;
  }

  get clock(): ClockView {
    return clockView(this.#log.current, this.#ticker.now);
  }

  stamp(): ClockStamp {
    return { now: this.#ticker.corrected(), by: actor };
  }

  start(): boolean {
    return startMeeting(this.doc, this.stamp());
  }

  next(from: ItemId): boolean {
    return nextItem(this.doc, from, this.stamp());
  }

  extend(itemId: ItemId, sec: number): boolean {
    return extendItem(this.doc, itemId, sec, this.stamp());
  }

  togglePause(): boolean {
    const clock = this.clock;
    return clock.paused ? resumeClock(this.doc, this.stamp()) : pauseClock(this.doc, this.stamp());
  }

  jump(itemId: ItemId): boolean {
    return jumpToItem(this.doc, itemId, this.stamp());
  }

  end(): boolean {
    return endMeeting(this.doc, this.stamp());
  }

  close(): void {
    this.#stopUsage();
    this.#stopPresence();
    this.#meeting.destroy();
    this.#log.destroy();
    this.handle.release();
  }
}
