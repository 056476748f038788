/// <reference types="chrome" />
// The one key-value store behind settings and small extension state. In the extension it is
// chrome.storage.local (shared by every context of the profile, change events included); in a
// plain web page (the live viewer, dev server) it falls back to localStorage so the same views run.

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

export function watchKey(key: string, cb: Listener): () => void {
  if (chromeStorage()) listenChrome();
  else listenWeb();
  let set = listeners.get(key);
  if (!set) listeners.set(key, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}
