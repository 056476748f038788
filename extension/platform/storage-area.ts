/// <reference types="chrome" />
// The one key-value store behind settings and small extension state. In the extension it is
// chrome.storage.local (shared by every context of the profile, change events included); in a
// plain web page (the live viewer, dev server) it falls back to localStorage so the same views run.
// A read-modify-write goes through updateKey, under a Web Lock named for the key that every
// context of the profile shares: without it two contexts (options page, side panel, worker) each
// read the old value and the later write drops the earlier one's change.

type Listener = (value: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

function chromeStorage(): chrome.storage.StorageArea | null {
  const c = (globalThis as { chrome?: typeof chrome }).chrome;
  return c?.storage?.local ?? null;
}

let chromeListening = false;
function listenChrome(): void {
  if (chromeListening) return;
  chromeListening = true;
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) notify(key, change.newValue);
  });
}

let webListening = false;
function listenWeb(): void {
  if (webListening || typeof addEventListener !== 'function') return;
  webListening = true;
  addEventListener('storage', (event) => {
    if (event.key === null) return;
    notify(event.key, event.newValue === null ? undefined : JSON.parse(event.newValue));
  });
}

function notify(key: string, value: unknown): void {
  for (const cb of listeners.get(key) ?? []) cb(value);
}

export async function readKey<T>(key: string): Promise<T | undefined> {
  const area = chromeStorage();
  if (area) return (await area.get(key))[key] as T | undefined;
  const raw = globalThis.localStorage?.getItem(key);
  return raw == null ? undefined : (JSON.parse(raw) as T);
}

export async function writeKey(key: string, value: unknown): Promise<void> {
  const area = chromeStorage();
  if (area) {
    await (value === undefined ? area.remove(key) : area.set({ [key]: value }));
    return;
  }
  if (value === undefined) globalThis.localStorage?.removeItem(key);
  else globalThis.localStorage?.setItem(key, JSON.stringify(value));
  notify(key, value);
}

const LOCK_PREFIX = 'storage:' as const;
const queues = new Map<string, Promise<unknown>>();

/** Replaces the key's value by change(current), with no other updateKey of that key in between
 *  in any context of the profile; resolves with the value written. */
export function updateKey<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
  const update = async (): Promise<T | undefined> => {
    const next = change(await readKey<T>(key));
    await writeKey(key, next);
    return next;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(LOCK_PREFIX + key, update);
  // A page served over plain http (a viewer on a LAN relay) has no Web Locks; it is one context,
  // so queueing its own updates is enough.
  const next = (queues.get(key) ?? Promise.resolve()).then(update);
  queues.set(key, next.catch(() => undefined));
  return next;
}

export function watchKey(key: string, cb: Listener): () => void {
  if (chromeStorage()) listenChrome();
  else listenWeb();
  let set = listeners.get(key);
  if (!set) listeners.set(key, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}
