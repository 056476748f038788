/// <reference types="chrome" />
// The content script's line to the background: a port that delivers clock snapshots. The
// service worker may stop and restart; the port then disconnects and is re-opened, a bounded
// number of times in a row, so an extension that was updated or removed leaves the page alone.
import { PORT_OVERLAY, isRuntimeMessage, type ClockSnapshot } from '../platform/messages.ts';

const RECONNECT_DELAY_MS = 1_000;
const MAX_QUIET_RECONNECTS = 20;

export function linkSnapshots(onSnapshot: (s: ClockSnapshot) => void): () => void {
  let stopped = false;
  let failures = 0;
  let port: chrome.runtime.Port | null = null;

  const connect = () => {
    if (stopped) return;
    try {
      port = chrome.runtime.connect({ name: PORT_OVERLAY });
    } catch {
      return; // extension context invalidated: the extension was reloaded or removed
    }
    port.onMessage.addListener((message: unknown) => {
      failures = 0;
      if (isRuntimeMessage(message) && message.type === 'clock-snapshot') onSnapshot(message.snapshot);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (!stopped && ++failures <= MAX_QUIET_RECONNECTS) setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
