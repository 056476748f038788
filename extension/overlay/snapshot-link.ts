// The content script's line to the background: a port that delivers clock snapshots. The
// service worker may stop and restart; the port then disconnects and is re-opened, a bounded
// number of times in a row, so an extension that was updated or removed leaves the page alone.
import { PORT_OVERLAY, isRuntimeMessage, type ClockSnapshot } from '../platform/messages.ts';
import { connectPort, type RuntimePort } from '../platform/runtime.ts';

const RECONNECT_DELAY_MS = 1_000;
const MAX_QUIET_RECONNECTS = 20;

export function linkSnapshots(onSnapshot: (s: ClockSnapshot) => void): () => void {
  let stopped = false;
  let failures = 0;
  let port: RuntimePort | null = null;

  const connect = () => {
    if (stopped) return;
    port = connectPort(PORT_OVERLAY);
    if (!port) return;
    port.onMessage((message) => {
      failures = 0;
      if (isRuntimeMessage(message) && message.type === 'clock-snapshot') onSnapshot(message.snapshot);
    });
    port.onDisconnect(() => {
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
