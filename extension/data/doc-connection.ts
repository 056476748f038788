// Owns every open Y.Doc of this extension context: one per document name, reference-counted.
// Each doc is persisted in its own IndexedDB database (y-indexeddb), linked live to the other
// contexts of the profile (BroadcastChannel), and, while an account is signed in with sync on,
// connected to the relay by one context of the profile only (socket-leadership.ts); the others
// follow it over the link. Views never construct a Y.Doc for a stored document themselves.
// A doc whose writes the browser refuses (storage full) stays open after its last release until
// they are stored (local-save-watch.ts), and the page hears that something is unsaved.
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { getSettings, onSettingsChanged, syncActive, updateSettings, type Settings } from '../platform/settings.ts';
import { BroadcastLink } from './broadcast-link.ts';
import { keepOffsetFresh, stopOffsetRefresh } from './clock-offset.ts';
import { RelayLink, type RelayTarget } from './relay-link.ts';
import { compactLocalDocument } from './local-documents.ts';
import { contextsHolding, leadDocument, type Leadership } from './socket-leadership.ts';
import { loadTolerantly } from './tolerant-load.ts';
import { watchLocalSaves, type LocalSaveWatch } from './local-save-watch.ts';
import type { SyncStatus } from './sync-status.ts';

export interface DocHandle {
  readonly doc: Y.Doc;
  readonly name: string;
  /** Resolves once the IndexedDB state has been applied to doc, and what the profile's other
   *  contexts that have it open hold, which may be unstored (storage being full): those that
   *  have asked for its socket's lock, waited for a second at most. */
  readonly whenLoaded: Promise<void>;
  readonly awareness: Awareness;
  /** How many of the document's stored rows could not be read and are kept aside (tolerant-load.ts);
   *  resolves after whenLoaded. */
  readonly unreadableRows: Promise<number>;
  status(): SyncStatus;
  onStatus(cb: (status: SyncStatus) => void): () => void;
  /** Rewrites the document's IndexedDB log as one update of its current state, so content Yjs
   *  has dropped from the document (deleted for good) leaves this browser's storage as well;
   *  rows other contexts append meanwhile are kept. Does nothing once released. */
  compactStorage(): Promise<void>;
  release(): void;
  /** Releases this handle once another one holds the document (the view it was made for), or
   *  after HAND_OVER_MS, so the document is not closed and read back in between. */
  handOver(): void;
}

/** How long a handed-over handle waits for the view that should take the document. */
const HAND_OVER_MS = 10_000;

interface Entry {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly persistence: IndexeddbPersistence;
  readonly link: BroadcastLink;
  readonly whenLoaded: Promise<void>;
  readonly unreadableRows: Promise<number>;
  readonly saves: LocalSaveWatch;
  readonly listeners: Set<(status: SyncStatus) => void>;
  relay: RelayLink | null;
  relayKey: string;
  /** Where and as whom to sync now, known to leader and followers alike. */
  target: RelayTarget | null;
  leadership: Leadership | null;
  leader: boolean;
  /** The socket holder's status, as a follower last heard it. */
  followed: SyncStatus;
  refs: number;
  /** Handles waiting to be released until another handle takes the document. */
  readonly handOvers: Set<() => void>;
}

const entries = new Map<string, Entry>();
/** Open documents whose changes this browser is refusing to store (local-save-watch.ts). */
const unsaved = new Set<string>();
const unsavedListeners = new Set<(failing: boolean) => void>();

function noteUnsaved(name: string, failing: boolean): void {
  const before = unsaved.size > 0;
  if (failing) unsaved.add(name);
  else unsaved.delete(name);
  if (before !== unsaved.size > 0) for (const cb of unsavedListeners) cb(unsaved.size > 0);
}

/** Whether this browser refuses to store the changes of any document open in this context: the
 *  page says so once, wherever the user is, as storage is full for the whole profile. */
export function onLocalSavesFailing(cb: (failing: boolean) => void): () => void {
  unsavedListeners.add(cb);
  cb(unsaved.size > 0);
  return () => unsavedListeners.delete(cb);
}

let settingsWatch: (() => void) | null = null;

function relayTarget(settings: Settings): RelayTarget | null {
  return syncActive(settings) ? { relayUrl: settings.relayUrl, session: settings.account.session } : null;
}

function statusOf(entry: Entry): SyncStatus {
  if (entry.leader) return entry.relay?.status() ?? 'local';
  return entry.target ? entry.followed : 'local';
}

function emit(entry: Entry): void {
  const status = statusOf(entry);
  if (entry.leader) entry.link.announceStatus(status);
  for (const cb of entry.listeners) cb(status);
}

// The relay no longer accepts the session (signed out elsewhere, account deleted): sign out here
// too, so the options page says so instead of showing a sync that can never succeed.
function forgetSession(session: string): void {
  void getSettings().then((s) => (s.account?.session === session ? updateSettings({ account: null }) : undefined));
}

// Rebuilds the relay link only when where or as whom we sync changed, and only in the context
// that holds the document's socket.
function applyTarget(name: string, entry: Entry, target: RelayTarget | null): void {
  entry.target = target;
  if (!entry.leader) {
    emit(entry);
    return;
  }
  const key = target ? `${target.relayUrl}\n${target.session}` : '';
  if (key === entry.relayKey) return;
  entry.relay?.destroy();
  entry.relayKey = key;
  entry.relay = target
    ? new RelayLink({
        doc: entry.doc,
        name,
        awareness: entry.awareness,
        target,
        onStatus: () => emit(entry),
        onSessionRejected: () => forgetSession(target.session),
      })
    : null;
  emit(entry);
}

function trackOffset(target: RelayTarget | null): void {
  if (target) keepOffsetFresh(target.relayUrl);
  else stopOffsetRefresh();
}

function watchSettings(): void {
  if (settingsWatch) return;
  settingsWatch = onSettingsChanged((settings) => {
    const target = relayTarget(settings);
    trackOffset(target);
    for (const [name, entry] of entries) applyTarget(name, entry, target);
  });
}

function openEntry(name: string): Entry {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const load = loadTolerantly(persistence);
  const awareness = new Awareness(doc);
  const link: BroadcastLink = new BroadcastLink(doc, name, awareness, {
    unposted: persistence,
    onJoin: () => {
      if (entry.leader) link.announceStatus(statusOf(entry));
    },
    onStatus: (status) => {
      if (entry.leader) return;
      entry.followed = status;
      emit(entry);
    },
  });
  const entry: Entry = {
    doc,
    awareness,
    persistence,
    link,
    // This context asks for the socket's lock only after this, so the count is of the others.
    whenLoaded: load.loaded.then(async () => link.resync(await contextsHolding(name))),
    unreadableRows: load.unreadableRows,
    saves: watchLocalSaves(persistence),
    listeners: new Set(),
    relay: null,
    relayKey: '',
    target: null,
    leadership: null,
    leader: false,
    followed: 'connecting',
    refs: 0,
    handOvers: new Set(),
  };
  entry.saves.onChange((failing) => noteUnsaved(name, failing));
  watchSettings();
  // Sync starts after the local state is in, so the first exchange with the relay is a diff.
  void entry.whenLoaded
    .then(() => getSettings())
    .then((settings) => {
      if (entries.get(name) !== entry) return;
      const target = relayTarget(settings);
      if (target) keepOffsetFresh(target.relayUrl);
      applyTarget(name, entry, target);
      entry.link.markCounted();
      entry.leadership = leadDocument(name, () => {
        if (entries.get(name) !== entry) return;
        entry.leader = true;
        entry.relayKey = '';
        applyTarget(name, entry, entry.target);
      });
    });
  return entry;
}

// A document whose changes this browser refused to store stays open, and keeps retrying, until
// they are stored: closing it would drop them, and the page has said they are kept while it is
// open. Opened again meanwhile, it is the same entry.
function closeWhenSaved(name: string, entry: Entry): void {
  if (!entry.saves.failing()) {
    closeEntry(name, entry);
    return;
  }
  const stop = entry.saves.onChange((failing) => {
    if (failing) return;
    stop();
    if (entry.refs === 0 && entries.get(name) === entry) closeEntry(name, entry);
  });
}

function closeEntry(name: string, entry: Entry): void {
  entries.delete(name);
  // Tell the other contexts (and, through the socket, other devices) this one has left.
  entry.awareness.setLocalState(null);
  entry.leadership?.release();
  entry.relay?.destroy();
  entry.link.destroy();
  entry.saves.destroy();
  noteUnsaved(name, false);
  entry.awareness.destroy();
  void entry.persistence.destroy();
  entry.doc.destroy();
}

export function openDoc(name: string): DocHandle {
  let entry = entries.get(name);
  if (!entry) entries.set(name, (entry = openEntry(name)));
  entry.refs++;
  const e = entry;
  for (const handOver of [...e.handOvers]) handOver();
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    if (--e.refs === 0) closeWhenSaved(name, e);
  };
  return {
    doc: e.doc,
    name,
    whenLoaded: e.whenLoaded,
    awareness: e.awareness,
    unreadableRows: e.unreadableRows,
    status: () => statusOf(e),
    onStatus(cb) {
      e.listeners.add(cb);
      return () => e.listeners.delete(cb);
    },
    async compactStorage() {
      if (!released) await compactLocalDocument(e.persistence);
    },
    release,
    handOver() {
      if (released) return;
      if (e.refs > 1) {
        release();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        e.handOvers.delete(done);
        release();
      };
      const timer = setTimeout(done, HAND_OVER_MS);
      e.handOvers.add(done);
    },
  };
}
