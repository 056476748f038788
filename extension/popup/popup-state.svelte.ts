// What the popup shows: the active meeting as a LiveMeeting (its clock and commands), or, when
// nothing runs, the soonest upcoming meeting from the library index.
import { createSubscriber } from 'svelte/reactivity';
import { openDoc, type DocHandle } from '../data/doc-connection.ts';
import { currentLibraryName } from '../data/library-name.ts';
import { currentOffsetMs } from '../data/clock-offset.ts';
import { getActiveMeeting, onActiveMeetingChanged } from '../platform/active-meeting.ts';
import { actorId } from '../platform/device.ts';
import { libraryView, parseId, type LibraryView, type MeetingId } from '../../crdt/index.ts';
import { LiveRead } from '../components/live-read.svelte.ts';
import { Ticker } from '../components/ticker.svelte.ts';
import { LiveMeeting } from '../live/live-meeting.ts';
import { openStoredMeeting } from '../live/stored-meeting.ts';

type Active = { readonly id: MeetingId; readonly meeting: LiveMeeting };

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
    if (previous?.id === id) return;
    let next: Active | null = null;
    if (id) {
      const source = openStoredMeeting(id);
      const actor = await actorId();
      await source.handle.whenLoaded;
      next = { id, meeting: new LiveMeeting({ source, clock: this.ticker, actor: () => actor, track: createSubscriber }) };
    }
    this.active = next;
    previous?.meeting.close();
  }

  close(): void {
    this.#libraryHandle?.release();
    this.active?.meeting.close();
  }
}
