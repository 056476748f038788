// Relay deletions of meetings that left the library for good, kept in the profile's storage until
// the relay has answered, so an erase made offline (or while the relay is down) is finished
// later: at the next library open, when the browser is back online, and on a timer while any is
// pending. A deletion is sent only while the device is signed in to the same relay as the same
// account that asked for it; the relay's answer decides whether it is finished (erase-plan.ts).
import { getSettings, syncActive } from '../platform/settings.ts';
import { readKey, writeKey } from '../platform/storage-area.ts';
import { eraseOutcome, mergePending, pendingKey, type PendingErase } from './erase-plan.ts';
import { deleteMeetingOnRelay, normaliseRelayUrl, RelayRequestError } from './relay-api.ts';

const PENDING_KEY = 'pendingErases' as const;
const RETRY_MS = 60_000;

let retryTimer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;

async function readPending(): Promise<PendingErase[]> {
  return (await readKey<PendingErase[]>(PENDING_KEY)) ?? [];
}

export async function addPendingErases(added: readonly PendingErase[]): Promise<void> {
  if (added.length === 0) return;
  await writeKey(PENDING_KEY, mergePending(await readPending(), added));
}

async function send(erase: PendingErase, session: string): Promise<'done' | 'retry'> {
  try {
    await deleteMeetingOnRelay(erase.relayUrl, session, erase.meetingId);
    return eraseOutcome(null);
  } catch (error) {
    return eraseOutcome(error instanceof RelayRequestError ? error.status : 0);
  }
}

async function sendAll(): Promise<void> {
  const settings = await getSettings();
  if (!syncActive(settings)) return;
  const { account } = settings;
  const relayUrl = normaliseRelayUrl(settings.relayUrl);
  const finished = new Set<string>();
  let left = 0;
  for (const erase of await readPending()) {
    if (erase.relayUrl !== relayUrl || erase.accountId !== account.accountId) continue;
    if ((await send(erase, account.session)) === 'done') finished.add(pendingKey(erase));
    else left += 1;
  }
  if (finished.size > 0) {
    // Re-read: another context may have added deletions while these calls were out.
    const still = (await readPending()).filter((p) => !finished.has(pendingKey(p)));
    await writeKey(PENDING_KEY, still.length === 0 ? undefined : still);
  }
  if (left > 0 && retryTimer === null) {
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void sendPendingErases();
    }, RETRY_MS);
  }
}

/** Sends every pending deletion this device may send now; one run at a time per context. */
export function sendPendingErases(): Promise<void> {
  running ??= sendAll().finally(() => (running = null));
  return running;
}

let watching = false;

/** Sends again whenever the browser comes back online. */
export function sendPendingErasesWhenOnline(): void {
  if (watching) return;
  watching = true;
  globalThis.addEventListener?.('online', () => void sendPendingErases());
}
