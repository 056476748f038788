// What the popup shows and does: the active meeting as a LiveMeeting (its clock and commands),
// or, when nothing runs, the next meeting from the library index, which it can start; and
// whether this browser refuses to store what the popup changes (a full disk or quota).
import { createSubscriber } from 'svelte/reactivity';
import { onLocalSavesFailing, openDoc, type DocHandle } from '../data/doc-connection.ts';
import { currentLibraryName } from '../data/library-name.ts';
import { currentOffsetMs } from '../data/clock-offset.ts';
import { getActiveMeeting, onActiveMeetingChanged, setActiveMeeting } from '../platform/active-meeting.ts';
import { actorId } from '../platform/device.ts';
import { libraryView, parseId, type LibraryView, type MeetingId } from '../../crdt/index.ts';
import { LiveRead } from '../components/live-read.svelte.ts';
import { Ticker } from '../components/ticker.svelte.ts';
import { LiveMeeting } from '../live/live-meeting.ts';
import { openStoredMeeting } from '../live/stored-meeting.ts';
import { syncIndexEntry } from '../live/index-sync.ts';

type Active = { readonly id: MeetingId; readonly meeting: LiveMeeting };

export class PopupState {
  readonly ticker = new Ticker(currentOffsetMs);
  active: Active | null = $state.raw(null);
  library: LiveRead<LibraryView> | null = $state.raw(null);
  ready = $state(false);
  storageFull = $state(false);
  #libraryHandle: DocHandle | null = null;
  readonly #stopSaveWatch = onLocalSavesFailing((failing) => (this.storageFull = failing));
  // Set as soon as a start is asked for, so the follower does not open the meeting a second time.
  #starting: MeetingId | null = null;
  /** Counts the follows, so an open that a later change overtook is dropped. */
  #generation = 0;
  #stopActiveWatch: () => void = () => undefined;

  constructor() {
    void this.#init();
  }

  async #init(): Promise<void> {
    const libraryHandle = openDoc(await currentLibraryName());
    this.#libraryHandle = libraryHandle;
    await libraryHandle.whenLoaded;
    this.library = new LiveRead(libraryHandle.doc, libraryView);
    // Watched before the first read, so a change while that meeting opens is not missed.
    this.#stopActiveWatch = onActiveMeetingChanged((id) => void this.#follow(id));
    await this.#follow(await getActiveMeeting());
    this.ready = true;
  }

  async #follow(raw: string | null): Promise<void> {
    const generation = ++this.#generation;
    const id = parseId<MeetingId>(raw);
    if (this.active?.id === id || (id !== null && id === this.#starting)) return;
    const next = id ? await this.#open(id) : null;
    // A later change came while this one opened: that one decides what is shown.
    if (generation !== this.#generation) {
      next?.meeting.close();
      return;
    }
    this.#show(next);
  }

  async #open(id: MeetingId): Promise<Active> {
    const source = openStoredMeeting(id);
    const actor = await actorId();
    await source.handle.whenLoaded;
    return { id, meeting: new LiveMeeting({ source, clock: this.ticker, actor: () => actor, track: createSubscriber }) };
  }

  #show(next: Active | null): void {
    const previous = this.active;
    this.active = next;
    if (previous !== next) previous?.meeting.close();
  }

  /**
   * Starts a planned meeting from its first item and makes it this device's active one, as the
   * side panel's Start does; the library index says it runs. False when it could not start
   * (an empty agenda, or started elsewhere meanwhile).
   */
  async start(id: MeetingId): Promise<boolean> {
    this.#starting = id;
    // A follow still opening what was active before is overtaken by this start.
    ++this.#generation;
    try {
      const opened = await this.#open(id);
      if (!opened.meeting.start()) {
        opened.meeting.close();
        // The start overtook any follow in flight: show what is active now instead.
        this.#starting = null;
        await this.#follow(await getActiveMeeting());
        return false;
      }
      this.#show(opened);
      await setActiveMeeting(id);
      if (this.#libraryHandle) syncIndexEntry(opened.meeting.doc, this.#libraryHandle.doc, this.ticker.corrected());
      return true;
    } finally {
      this.#starting = null;
    }
  }

  close(): void {
    this.#stopActiveWatch();
    this.#stopSaveWatch();
    this.#libraryHandle?.release();
    this.active?.meeting.close();
  }
}
