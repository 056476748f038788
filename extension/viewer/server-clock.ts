// The page's estimate of the relay's clock: a few GET /api/time round trips on the same origin,
// keeping the shortest (crdt's NTP-style estimate), so this page's remaining time agrees with the
// facilitator's even when this device's clock is minutes off. Re-measured after a reconnect.
import { bestClockOffset, type OffsetSample } from '../../crdt/index.ts';

const TIME_PATH = '/api/time' as const;
const SAMPLES = 4 as const;

export class ServerClock {
  #offsetMs = 0;

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  async measure(): Promise<void> {
    const samples: OffsetSample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = Date.now();
      try {
        const response = await fetch(TIME_PATH, { cache: 'no-store' });
        const body = (await response.json()) as { now?: unknown };
        if (typeof body.now === 'number') samples.push({ t0, serverNow: body.now, t1: Date.now() });
      } catch {
        break;
      }
    }
    const estimate = bestClockOffset(samples);
    if (estimate !== null) this.#offsetMs = estimate.offsetMs;
  }
}
