// A copy of the last library view in localStorage, read synchronously at startup, so the side
// panel paints the list in its first frame instead of after IndexedDB has loaded; the live
// document replaces it moments later. It is a display cache only: nothing is ever written back
// from it, and a snapshot of another library (another account) is ignored.
import type { LibraryView } from '../../../crdt/index.ts';

const KEY = 'ltm-library-snapshot' as const;
const WRITE_DELAY_MS = 400 as const;

type Snapshot = { readonly name: string; readonly view: LibraryView };

export function readSnapshot(): Snapshot | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Snapshot) : null;
    return parsed && typeof parsed.name === 'string' && Array.isArray(parsed.view?.meetings) && Array.isArray(parsed.view.trash) ? parsed : null;
  } catch {
    return null;
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;

export function writeSnapshot(name: string, view: LibraryView): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify({ name, view } satisfies Snapshot));
  } catch {
    // A full or unavailable localStorage only costs the fast first paint.
  }
}

/** Writes the view a little later, coalescing bursts of changes into one write. */
export function scheduleSnapshot(name: string, read: () => LibraryView): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    writeSnapshot(name, read());
  }, WRITE_DELAY_MS);
}
