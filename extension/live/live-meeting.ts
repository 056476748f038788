// One live meeting, the same in every context that shows or drives it (side panel, popup,
// background and the overlay it feeds, viewer): the read model, the clock folded at one
// corrected `now`, the actor stamped on this context's actions, and the clock commands. It is
// the only module of the extension that calls the data model's clock operations, so a command
// such as Next means the same thing wherever it is pressed.
import type * as Y from 'yjs';
import {
  clockView, endMeeting, extendItem, jumpToItem, meetingView, nextItem, readClockLog, startMeeting, toggleClock,
  type ActorId, type ClockLog, type ClockStamp, type ClockView, type ItemId, type MeetingView,
} from '../../crdt/index.ts';
import type { ClockSource } from './clock-source.ts';
import { DocRead, type Track } from './doc-read.ts';
import { onDocChange } from './doc-change.ts';

/** The document a live meeting reads and writes, and how to give it back when done. */
export interface MeetingSource {
  readonly doc: Y.Doc;
  close(): void;
}

export interface LiveMeetingParts {
  readonly source: MeetingSource;
  readonly clock: ClockSource;
  readonly actor: () => ActorId;
  readonly track?: Track;
}

export class LiveMeeting {
  readonly #source: MeetingSource;
  readonly #clock: ClockSource;
  readonly #actor: () => ActorId;
  readonly #meeting: DocRead<MeetingView>;
  readonly #log: DocRead<ClockLog>;

  constructor({ source, clock, actor, track }: LiveMeetingParts) {
    this.#source = source;
    this.#clock = clock;
    this.#actor = actor;
    // The structure is read once per change; the clock is refolded at every read of `clock`.
    this.#meeting = new DocRead(source.doc, (doc) => meetingView(doc, clock.corrected()), track);
    this.#log = new DocRead(source.doc, readClockLog, track);
  }

  get doc(): Y.Doc {
    return this.#source.doc;
  }

  /** The meeting's structure and records; its `clock` is as of the last change, see `clock`. */
  get view(): MeetingView {
    return this.#meeting.current;
  }

  /** The time the clock shows (the viewer's stands still while offline). */
  get now(): number {
    return this.#clock.now;
  }

  get clock(): ClockView {
    return clockView(this.#log.current, this.#clock.now);
  }

  /** The whole meeting with its clock at this moment, for contexts that read on demand. */
  snapshot(): MeetingView {
    return { ...this.view, clock: this.clock };
  }

  stamp(): ClockStamp {
    return { now: this.#clock.corrected(), by: this.#actor() };
  }

  start(itemId?: ItemId): boolean {
    return startMeeting(this.doc, this.stamp(), itemId);
  }

  /** Advances from `from`, the item the presser saw, so a stale press advances nothing. */
  next(from: ItemId | null = this.#currentItem()): boolean {
    return from !== null && nextItem(this.doc, from, this.stamp());
  }

  togglePause(): boolean {
    return toggleClock(this.doc, this.stamp());
  }

  extend(sec: number, itemId: ItemId | null = this.#currentItem()): boolean {
    return itemId !== null && extendItem(this.doc, itemId, sec, this.stamp());
  }

  jump(itemId: ItemId): boolean {
    return jumpToItem(this.doc, itemId, this.stamp());
  }

  end(): boolean {
    return endMeeting(this.doc, this.stamp());
  }

  /** Calls back after every change to the document, local or remote. */
  onChange(cb: () => void): () => void {
    return onDocChange(this.doc, cb);
  }

  close(): void {
    this.#meeting.destroy();
    this.#log.destroy();
    this.#source.close();
  }

  #currentItem(): ItemId | null {
    return clockView(this.#log.current, this.#clock.corrected()).currentItemId;
  }
}
