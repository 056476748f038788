/// <reference types="chrome" />
// Warnings the person notices without looking at the panel: a system notification and, when
// enabled, a chime played by the offscreen document (service workers cannot play audio).
import type { Settings } from '../platform/settings.ts';

const OFFSCREEN_PATH = 'offscreen/index.html' as const;

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (contexts.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({ url: OFFSCREEN_PATH, reasons: [chrome.offscreen.Reason.AUDIO_PLAYBACK], justification: 'Meeting time warning chime' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function chime(volume: number): Promise<void> {
  await ensureOffscreen();
  await chrome.runtime.sendMessage({ type: 'chime', volume });
}

/** context: the line under the message naming the meeting, as several may run in a day. */
export async function alert(id: string, title: string, message: string, settings: Settings, context?: string): Promise<void> {
  await chrome.notifications.create(id, {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/128.png'),
    title,
    message,
    ...(context ? { contextMessage: context } : {}),
    priority: 2,
  });
  if (settings.chimeEnabled && settings.chimeVolume > 0) await chime(settings.chimeVolume).catch(() => undefined);
}
