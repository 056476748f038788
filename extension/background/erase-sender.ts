/// <reference types="chrome" />
// The one sender of the relay deletions of erased meetings (data/pending-erases.ts); the side
// panel only records them. It sends at the worker's start, as soon as a new deletion is recorded
// (the storage change wakes a sleeping worker), when the browser is back online (and a few times
// in the seconds after, while the network settles) and when the device starts syncing to another
// relay or as another account. While any is left to retry, an alarm tries again every minute:
// unlike a timer it survives the worker sleeping. It is cleared once none is left. One run at a
// time; a reason to run that comes during a run gets one more run after it, so nothing recorded
// meanwhile waits for the alarm.
import { addsPending, type PendingErase } from '../data/erase-plan.ts';
import { eraseTarget, PENDING_ERASES_KEY, sendPendingErases } from '../data/pending-erases.ts';
import { getSettings, onSettingsChanged, type Settings } from '../platform/settings.ts';
import { onBackOnline } from './back-online.ts';

const ERASE_RETRY_ALARM = 'erase-retry' as const;
// Chrome fires a packed MV3 extension's alarms at most every 30 s (unpacked ones every second);
// a minute keeps a relay that is down from being asked more often than that helps.
const RETRY_PERIOD_MIN = 1;
// Just after the network returns, requests often fail a little longer (an address, DNS; in
// Chrome the worker may hear of it before its own requests pass). The worker is awake then, so a
// few quick retries go out before the alarm's minute; should it sleep, the alarm remains.
const RECONNECT_RETRY_MS = [1_000, 2_000, 4_000] as const;

/** One pass; resolves with how many deletions are left to retry. */
async function runOnce(): Promise<number> {
  let left = 1;
  try {
    left = await sendPendingErases();
  } catch (error) {
    // Kept for the alarm: a storage or settings read that failed once may well work next time.
    console.warn('pending relay deletions could not be sent', error);
  }
  if (left === 0) await chrome.alarms.clear(ERASE_RETRY_ALARM);
  else if (!(await chrome.alarms.get(ERASE_RETRY_ALARM))) await chrome.alarms.create(ERASE_RETRY_ALARM, { periodInMinutes: RETRY_PERIOD_MIN });
  return left;
}

let running: Promise<number> | null = null;
let again = false;

function sendErases(): Promise<number> {
  if (running !== null) {
    again = true;
    return running;
  }
  running = (async () => {
    let left: number;
    do {
      again = false;
      left = await runOnce();
    } while (again);
    return left;
  })().finally(() => (running = null));
  return running;
}

async function sendAfterReconnect(): Promise<void> {
  let left = await sendErases();
  for (const delayMs of RECONNECT_RETRY_MS) {
    if (left === 0 || !navigator.onLine) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    left = await sendErases();
  }
}

// Where and as whom deletions were last sendable; a change (a sign-in) may make others sendable.
let lastTarget: string | undefined;
const targetOf = (settings: Settings): string => JSON.stringify(eraseTarget(settings));

/** Registers the sender's listeners; called synchronously at the worker's top level. */
export function startEraseSender(): void {
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ERASE_RETRY_ALARM) void sendErases();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    const change = changes[PENDING_ERASES_KEY];
    if (area === 'local' && change && addsPending(change.oldValue as PendingErase[] | undefined, change.newValue as PendingErase[] | undefined)) {
      void sendErases();
    }
  });
  onBackOnline(() => void sendAfterReconnect());
  onSettingsChanged((settings) => {
    const target = targetOf(settings);
    if (target !== lastTarget && eraseTarget(settings) !== null) void sendErases();
    lastTarget = target;
  });
  void getSettings().then((settings) => (lastTarget ??= targetOf(settings)));
  void sendErases();
}
