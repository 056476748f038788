/// <reference types="chrome" />
// Messaging and navigation between extension contexts. Outside the extension (web viewer) these
// calls do nothing, so views that offer "open side panel" still render.
import { isRuntimeMessage, type RuntimeMessage } from './messages.ts';

function runtime(): typeof chrome.runtime | null {
  return (globalThis as { chrome?: typeof chrome }).chrome?.runtime?.id ? chrome.runtime : null;
}

export async function sendMessage(message: RuntimeMessage): Promise<void> {
  try {
    await runtime()?.sendMessage(message);
  } catch {
    // No receiver (e.g. the background is restarting): the message has no one to act on it.
  }
}

export function onMessage(cb: (message: RuntimeMessage) => void): () => void {
  const rt = runtime();
  if (!rt) return () => undefined;
  const listener = (message: unknown) => {
    if (isRuntimeMessage(message)) cb(message);
  };
  rt.onMessage.addListener(listener);
  return () => rt.onMessage.removeListener(listener);
}

/** Opens the side panel in the current window; must run in a user gesture (click, key). */
export async function openSidePanel(): Promise<void> {
  const c = (globalThis as { chrome?: typeof chrome }).chrome;
  if (!c?.sidePanel || !c.windows) return;
  const win = await c.windows.getCurrent();
  if (win.id !== undefined) await c.sidePanel.open({ windowId: win.id });
}

export function openOptionsPage(): void {
  void runtime()?.openOptionsPage();
}

export interface RuntimePort {
  onMessage(cb: (message: unknown) => void): void;
  onDisconnect(cb: () => void): void;
  disconnect(): void;
}

/** A long-lived channel to the background; null when the extension context is gone. */
export function connectPort(name: string): RuntimePort | null {
  const rt = runtime();
  if (!rt) return null;
  let port: chrome.runtime.Port;
  try {
    port = rt.connect({ name });
  } catch {
    return null; // extension context invalidated: the extension was reloaded or removed
  }
  return {
    onMessage: (cb) => port.onMessage.addListener(cb),
    onDisconnect: (cb) => port.onDisconnect.addListener(() => cb()),
    disconnect: () => port.disconnect(),
  };
}
