// This context's estimate of (relay clock - local clock), NTP-style: a few GET /api/time round
// trips, keeping the one with the smallest round trip, whose midpoint best matches the server's
// reading. now() is the corrected clock every clock operation and view uses. The last estimate
// is stored so a context that starts offline still agrees with its peers.
import { readKey, writeKey } from '../platform/storage-area.ts';
import { bestClockOffset, type OffsetSample } from '../../crdt/clock-offset.ts';
import { fetchServerTime, normaliseRelayUrl } from './relay-api.ts';

export interface StoredOffset {
  readonly offsetMs: number;
  readonly roundTripMs: number;
  readonly relayUrl: string;
}

const STORAGE_KEY = 'clockOffset' as const;
const SAMPLES = 5;
const REMEASURE_MS = 10 * 60_000;

let offsetMs = 0;
let measuredHere = false;
let timer: ReturnType<typeof setInterval> | null = null;
let measuring: string | null = null;

void readKey<StoredOffset>(STORAGE_KEY).then((stored) => {
  if (stored && !measuredHere) offsetMs = stored.offsetMs;
});

export function now(): number {
  return Date.now() + offsetMs;
}

export function currentOffsetMs(): number {
  return offsetMs;
}

async function measureOffset(relayUrl: string): Promise<StoredOffset | null> {
  const samples: OffsetSample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = Date.now();
    try {
      const server = await fetchServerTime(relayUrl);
      samples.push({ t0, serverNow: server, t1: Date.now() });
    } catch {
      break;
    }
  }
  const estimate = bestClockOffset(samples);
  if (!estimate) return null;
  offsetMs = estimate.offsetMs;
  measuredHere = true;
  const stored: StoredOffset = { ...estimate, relayUrl: normaliseRelayUrl(relayUrl) };
  await writeKey(STORAGE_KEY, stored);
  return stored;
}

/** Keep this context's offset fresh while syncing with relayUrl; idempotent per relay. */
export function keepOffsetFresh(relayUrl: string): void {
  const url = normaliseRelayUrl(relayUrl);
  if (measuring === url) return;
  stopOffsetRefresh();
  measuring = url;
  void measureOffset(url);
  timer = setInterval(() => void measureOffset(url), REMEASURE_MS);
}

export function stopOffsetRefresh(): void {
  if (timer) clearInterval(timer);
  timer = null;
  measuring = null;
}
