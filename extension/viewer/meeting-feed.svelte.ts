// What the viewer renders from its document: the meeting read model (recomputed when the
// document changes) and the clock folded at the relay's time, which stands still at the moment
// the connection dropped, so an offline page never counts down as if it knew.
import type * as Y from 'yjs';
import {
  clockView, meetingView, readClockLog, type ActorId, type ClockLog, type ClockStamp, type ClockView, type MeetingView,
} from '../../crdt/index.ts';
import { newId } from '../../crdt/index.ts';
import { LiveRead } from '../components/live-read.svelte.ts';
import { Ticker } from '../components/ticker.svelte.ts';
import { randomBytes } from '../platform/random.ts';
import type { ViewerConnection } from './viewer-connection.svelte.ts';

export { randomBytes as random };

export class MeetingFeed {
  readonly #meeting: LiveRead<MeetingView>;
  readonly #log: LiveRead<ClockLog>;
  readonly #ticker: Ticker;
  readonly #conn: ViewerConnection;
  /** This page's actor in the clock log: one per visit, as the page keeps no identity. */
  readonly actor: ActorId = newId(randomBytes);

  constructor(conn: ViewerConnection) {
    this.#conn = conn;
    this.#ticker = new Ticker(() => conn.clock.offsetMs);
    this.#meeting = new LiveRead(conn.doc, (doc) => meetingView(doc, conn.clock.now()));
    this.#log = new LiveRead(conn.doc, readClockLog);
  }

  get doc(): Y.Doc {
    return this.#conn.doc;
  }

  get view(): MeetingView {
    return this.#meeting.current;
  }

  /** The relay time the page shows: now while live, the moment of the drop while offline. */
  get shownAt(): number {
    const state = this.#conn.state;
    return state.kind === 'offline' ? state.since : this.#ticker.now;
  }

  get clock(): ClockView {
    return clockView(this.#log.current, this.shownAt);
  }

  stamp(): ClockStamp {
    return { now: this.#ticker.corrected(), by: this.actor };
  }

  destroy(): void {
    this.#meeting.destroy();
    this.#log.destroy();
  }
}
