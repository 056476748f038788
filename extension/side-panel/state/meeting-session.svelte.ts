// One open meeting in the side panel: its stored document (with sync status and presence) and
// the LiveMeeting that reads it and runs its clock. Clock commands go through the LiveMeeting;
// the editor, agenda and record views write the other operations (items, notes, actions,
// decisions) to `doc` directly.
import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import type { MeetingId } from '../../../crdt/index.ts';
import type { DocHandle } from '../../data/doc-connection.ts';
import { LiveMeeting } from '../../live/live-meeting.ts';
import { openStoredMeeting } from '../../live/stored-meeting.ts';
import { LiveStatus } from '../../components/sync-status.svelte.ts';
import type { Ticker } from '../../components/ticker.svelte.ts';
import { actor } from './randomness.ts';
import { followPresence } from './presence.ts';

export class MeetingSession {
  readonly id: MeetingId;
  readonly handle: DocHandle;
  readonly status: LiveStatus;
  readonly meeting: LiveMeeting;
  readonly #stopPresence: () => void;
  loaded = $state(false);
  /** Stored rows of this meeting that could not be read (kept aside); the page says so. */
  unreadableRows = $state(0);

  constructor(id: MeetingId, ticker: Ticker) {
    this.id = id;
    const source = openStoredMeeting(id);
    this.handle = source.handle;
    this.status = new LiveStatus(this.handle);
    this.meeting = new LiveMeeting({ source, clock: ticker, actor: () => actor, track: createSubscriber });
    this.#stopPresence = followPresence(this.handle.awareness);
    void this.handle.whenLoaded.then(() => (this.loaded = true));
    void this.handle.unreadableRows.then((rows) => (this.unreadableRows = rows));
  }

  get doc(): Y.Doc {
    return this.handle.doc;
  }

  close(): void {
    this.#stopPresence();
    this.meeting.close();
  }
}
