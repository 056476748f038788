// The extension context's relay clock: one OffsetEstimator for the relay it syncs with, measured
// again every ten minutes, its last estimate stored so a context that starts offline still agrees
// with its peers. relayClock is the clock every LiveMeeting of the extension runs on.
import { readKey, writeKey } from '../platform/storage-area.ts';
import type { ClockSource } from '../live/clock-source.ts';
import { OffsetEstimator } from './offset-estimator.ts';
import { fetchServerTime, normaliseRelayUrl } from './relay-api.ts';

export interface StoredOffset {
  readonly offsetMs: number;
  readonly roundTripMs: number;
  readonly relayUrl: string;
}

const STORAGE_KEY = 'clockOffset' as const;
const ROUNDS = 5;
const REMEASURE_MS = 10 * 60_000;

let estimator: OffsetEstimator | null = null;
let storedOffsetMs = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let measuring: string | null = null;

void readKey<StoredOffset>(STORAGE_KEY).then((stored) => {
  if (stored) storedOffsetMs = stored.offsetMs;
});

export function currentOffsetMs(): number {
  return estimator?.offsetMs ?? storedOffsetMs;
}

export function now(): number {
  return Date.now() + currentOffsetMs();
}

export const relayClock: ClockSource = {
  get now() {
    return now();
  },
  corrected: now,
};

async function measure(relayUrl: string, current: OffsetEstimator): Promise<void> {
  const estimate = await current.measure(ROUNDS);
  if (estimate === null || estimator !== current) return;
  const stored: StoredOffset = { ...estimate, relayUrl };
  await writeKey(STORAGE_KEY, stored);
}

/** Keep this context's offset fresh while syncing with relayUrl; idempotent per relay. */
export function keepOffsetFresh(relayUrl: string): void {
  const url = normaliseRelayUrl(relayUrl);
  if (estimator !== null && measuring === url) return;
  stopOffsetRefresh();
  measuring = url;
  const current = new OffsetEstimator(() => fetchServerTime(url), currentOffsetMs());
  estimator = current;
  void measure(url, current);
  timer = setInterval(() => void measure(url, current), REMEASURE_MS);
}

export function stopOffsetRefresh(): void {
  if (timer) clearInterval(timer);
  timer = null;
  measuring = null;
}
