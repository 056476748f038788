// Relay deletions of meetings that left the library for good, kept in the profile's storage until
// the relay has answered, so an erase made offline (or while the relay is down) is finished later.
// Any context records them (the side panel, as it erases); only the service worker sends them
// (background/erase-sender.ts decides when), so each goes out once. A deletion is sent only while
// the device is signed in to the same relay as the same account that asked for it; the relay's
// answer decides whether it is finished (erase-plan.ts). The list is read and written under one
// Web Lock, shared by every context of the profile (updateKey), so a deletion recorded while the
// worker removes finished ones is not lost.
import { getSettings, syncActive, type Settings } from '../platform/settings.ts';
import { readKey, updateKey } from '../platform/storage-area.ts';
import { eraseOutcome, mergePending, pendingKey, sendableNow, type EraseTarget, type PendingErase } from './erase-plan.ts';
import { deleteMeetingOnRelay, normaliseRelayUrl } from './relay-api.ts';

export const PENDING_ERASES_KEY = 'pendingErases' as const;

/** Where and as whom deletions are asked and sent; null while sync is off or signed out. */
export function eraseTarget(settings: Settings): EraseTarget {
  return syncActive(settings) ? { relayUrl: normaliseRelayUrl(settings.relayUrl), accountId: settings.account.accountId } : null;
}

async function updatePending(change: (pending: PendingErase[]) => PendingErase[]): Promise<void> {
  await updateKey<PendingErase[]>(PENDING_ERASES_KEY, (pending) => {
    const next = change(pending ?? []);
    return next.length === 0 ? undefined : next;
  });
}

export async function addPendingErases(added: readonly PendingErase[]): Promise<void> {
  if (added.length > 0) await updatePending((pending) => mergePending(pending, added));
}

async function send(erase: PendingErase, session: string): Promise<'done' | 'retry'> {
  try {
    await deleteMeetingOnRelay(erase.relayUrl, session, erase.meetingId);
    return eraseOutcome(null);
  } catch (error) {
    return eraseOutcome(error);
  }
}

// Deletions the relay has finished while this context lives. Two open views of the library each
// record a removal they see; one recorded again after it was finished needs no second request.
const finished = new Set<string>();

/**
 * Sends every pending deletion this device may send now, one after another; resolves with how
 * many of them the relay could not finish (to retry). Called by the one sender only.
 */
export async function sendPendingErases(): Promise<number> {
  const settings = await getSettings();
  if (!syncActive(settings)) return 0;
  const pending = sendableNow((await readKey<PendingErase[]>(PENDING_ERASES_KEY)) ?? [], eraseTarget(settings));
  let left = 0;
  for (const erase of pending) {
    if (finished.has(pendingKey(erase))) continue;
    if ((await send(erase, settings.account.session)) === 'done') finished.add(pendingKey(erase));
    else left += 1;
  }
  if (pending.some((p) => finished.has(pendingKey(p)))) await updatePending((all) => all.filter((p) => !finished.has(pendingKey(p))));
  return left;
}
