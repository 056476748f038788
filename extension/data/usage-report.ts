// What an opt-in usage event is and where it goes. The request carries only the event name
// (from the fixed list the relay accepts) and the extension version: no account, no device id,
// no content. It is fire-and-forget: one attempt with a short timeout, never retried or queued,
// so nothing is left waiting to leave later, and a failure never reaches the caller.
import type { UsageEvent } from '../../wire/usage-events.ts';
import { Routes } from '../../wire/website-routes.ts';
import { normaliseRelayUrl } from './relay-api.ts';

export { USAGE_EVENTS, type UsageEvent } from '../../wire/usage-events.ts';

const SEND_TIMEOUT_MS = 5_000;

export interface UsageSettings {
  readonly usageCounts: boolean;
  readonly relayUrl: string;
}

/** The relay's /events URL, or null when nothing may be sent (switch off or no relay). */
export function eventsUrl(settings: UsageSettings): string | null {
  const relay = normaliseRelayUrl(settings.relayUrl);
  return settings.usageCounts && relay !== '' ? relay + Routes.events : null;
}

/** The page Chrome opens on uninstall; '' (which clears it) unless counting is on. */
export function uninstallUrl(settings: UsageSettings, version: string): string {
  const relay = normaliseRelayUrl(settings.relayUrl);
  if (!settings.usageCounts || relay === '') return '';
  return `${relay}${Routes.uninstalled}?v=${encodeURIComponent(version)}`;
}

// text/plain keeps it a simple CORS request (no preflight); the relay reads it as JSON.
// keepalive lets it finish when the page that sent it closes right after.
export function postUsageEvent(settings: UsageSettings, version: string, event: UsageEvent): Promise<void> {
  const url = eventsUrl(settings);
  if (url === null) return Promise.resolve();
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ event, version }),
    keepalive: true,
    credentials: 'omit',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  }).then(
    () => undefined,
    () => undefined,
  );
}
