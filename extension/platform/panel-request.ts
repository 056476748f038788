// Where another context (the popup) asks the side panel to go: a route hash left in storage just
// before the panel opens. A panel that opens takes it on its first paint; one already open
// follows it at once. Taking it removes it, so it is acted on once.
import { readKey, watchKey, writeKey } from './storage-area.ts';

const PANEL_REQUEST_KEY = 'panelRequest' as const;

export function requestPanelRoute(hash: string): Promise<void> {
  return writeKey(PANEL_REQUEST_KEY, hash);
}

export async function takePanelRoute(): Promise<string | null> {
  const hash = await readKey<string>(PANEL_REQUEST_KEY);
  if (typeof hash !== 'string') return null;
  await writeKey(PANEL_REQUEST_KEY, undefined);
  return hash;
}

export function onPanelRouteRequested(cb: (hash: string) => void): () => void {
  return watchKey(PANEL_REQUEST_KEY, (value) => {
    if (typeof value !== 'string') return;
    void writeKey(PANEL_REQUEST_KEY, undefined);
    cb(value);
  });
}
