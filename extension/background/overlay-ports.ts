/// <reference types="chrome" />
// The overlay content scripts connect a port; each gets the latest clock snapshot on connect
// and on every change. A port also keeps the service worker awake while a meeting page is open.
import { PORT_OVERLAY, type ClockSnapshot } from '../platform/messages.ts';

const ports = new Set<chrome.runtime.Port>();
let latest: ClockSnapshot | null = null;

export function listenForOverlays(): void {
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT_OVERLAY) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    if (latest) port.postMessage({ type: 'clock-snapshot', snapshot: latest });
  });
}

export function publishSnapshot(snapshot: ClockSnapshot): void {
  latest = snapshot;
  for (const port of ports) {
    try {
      port.postMessage({ type: 'clock-snapshot', snapshot });
    } catch {
      ports.delete(port);
    }
  }
}
