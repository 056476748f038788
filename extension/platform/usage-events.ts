/// <reference types="chrome" />
// The one sender of usage events for every extension context. It reads the setting when it
// sends, so a switch turned off in Options stops the very next event; outside the extension
// (the web viewer) there is no version to report and nothing is sent.
import { postUsageEvent, type UsageEvent } from '../data/usage-report.ts';
import { getSettings } from './settings.ts';

export function extensionVersion(): string | null {
  const runtime = (globalThis as { chrome?: typeof chrome }).chrome?.runtime;
  return runtime?.id ? runtime.getManifest().version : null;
}

export function sendUsageEvent(event: UsageEvent): void {
  const version = extensionVersion();
  if (version === null) return;
  void getSettings()
    .then((settings) => postUsageEvent(settings, version, event))
    .catch(() => undefined);
}
