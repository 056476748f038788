/// <reference types="chrome" />
// Install, update and uninstall as usage events. The uninstall page is set on the relay only
// while the switch is on and cleared ('') the moment it is turned off, so removing the
// extension with counting off opens nothing.
import { uninstallUrl, type UsageEvent } from '../data/usage-report.ts';
import type { Settings } from '../platform/settings.ts';
import { extensionVersion, sendUsageEvent } from '../platform/usage-events.ts';

const INSTALL_EVENTS: Partial<Record<`${chrome.runtime.OnInstalledReason}`, UsageEvent>> = {
  install: 'installed',
  update: 'updated',
};

export function countInstall(reason: `${chrome.runtime.OnInstalledReason}`): void {
  const event = INSTALL_EVENTS[reason];
  if (event) sendUsageEvent(event);
}

let lastUninstallUrl: string | null = null;

export async function syncUninstallUrl(settings: Settings): Promise<void> {
  const url = uninstallUrl(settings, extensionVersion() ?? '');
  if (url === lastUninstallUrl) return;
  lastUninstallUrl = url;
  try {
    await chrome.runtime.setUninstallURL(url);
  } catch {
    lastUninstallUrl = null; // a relay URL Chrome refuses (not http/https): try again on the next change
  }
}
