// Owns every open Y.Doc of this extension context: one per document name, reference-counted.
// Each doc is persisted in its own IndexedDB database (y-indexeddb), linked live to the other
// contexts of the profile (BroadcastChannel), and, while an account is signed in with sync on,
// connected to the relay. Views never construct a Y.Doc for a stored document themselves.
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { getSettings, onSettingsChanged, syncActive, updateSettings, type Settings } from '../platform/settings.ts';
import { BroadcastLink } from './broadcast-link.ts';
import { keepOffsetFresh, stopOffsetRefresh } from './clock-offset.ts';
import { RelayLink, type RelayTarget } from './relay-link.ts';
import type { SyncStatus } from './sync-status.ts';

export interface DocHandle {
  readonly doc: Y.Doc;
  readonly name: string;
  /** Resolves once the IndexedDB state has been applied to doc. */
  readonly whenLoaded: Promise<void>;
  readonly awareness: Awareness;
  status(): SyncStatus;
  onStatus(cb: (status: SyncStatus) => void): () => void;
  release(): void;
}

interface Entry {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly persistence: IndexeddbPersistence;
  readonly link: BroadcastLink;
  readonly whenLoaded: Promise<void>;
  readonly listeners: Set<(status: SyncStatus) => void>;
  relay: RelayLink | null;
  relayKey: string;
  refs: number;
}

const entries = new Map<string, Entry>();
let settingsWatch: (() => void) | null = null;

function relayTarget(settings: Settings): RelayTarget | null {
  return syncActive(settings) ? { relayUrl: settings.relayUrl, session: settings.account.session } : null;
}

function emit(entry: Entry): void {
  const status = entry.relay?.status() ?? 'local';
  for (const cb of entry.listeners) cb(status);
}

// The relay no longer accepts the session (signed out elsewhere, account deleted): sign out here
// too, so the options page says so instead of showing a sync that can never succeed.
function forgetSession(session: string): void {
  void getSettings().then((s) => (s.account?.session === session ? updateSettings({ account: null }) : undefined));
}

// Rebuilds the relay link only when where or as whom we sync changed.
function applyTarget(name: string, entry: Entry, target: RelayTarget | null): void {
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
  const link = new BroadcastLink(doc, name);
  const entry: Entry = {
    doc,
    awareness: new Awareness(doc),
    persistence,
    link,
    whenLoaded: persistence.whenSynced.then(() => link.resync()),
    listeners: new Set(),
    relay: null,
    relayKey: '',
    refs: 0,
  };
  watchSettings();
  // Sync starts after the local state is in, so the first exchange with the relay is a diff.
  void entry.whenLoaded
    .then(() => getSettings())
    .then((settings) => {
      if (entries.get(name) !== entry) return;
      const target = relayTarget(settings);
      if (target) keepOffsetFresh(target.relayUrl);
      applyTarget(name, entry, target);
    });
  return entry;
}

function closeEntry(name: string, entry: Entry): void {
  entries.delete(name);
  entry.relay?.destroy();
  entry.link.destroy();
  entry.awareness.destroy();
  void entry.persistence.destroy();
  entry.doc.destroy();
}

export function openDoc(name: string): DocHandle {
  let entry = entries.get(name);
  if (!entry) entries.set(name, (entry = openEntry(name)));
  entry.refs++;
  const e = entry;
  let released = false;
  return {
    doc: e.doc,
    name,
    whenLoaded: e.whenLoaded,
    awareness: e.awareness,
    status: () => e.relay?.status() ?? 'local',
    onStatus(cb) {
      e.listeners.add(cb);
      return () => e.listeners.delete(cb);
    },
    release() {
      if (released) return;
      released = true;
      if (--e.refs === 0) closeEntry(name, e);
    },
  };
}
