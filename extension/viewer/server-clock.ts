// The page's estimate of the relay's clock: GET /api/time round trips on the same origin, keeping
// the shortest (crdt's NTP-style estimate), so this page's remaining time agrees with the
// facilitator's even when this device's clock is minutes off. One quick sample at start, more
// once the meeting is on screen (so they do not compete with the first sync), and again after
// each reconnect; the best of the recent samples wins.
import { bestClockOffset, type OffsetSample } from '../../crdt/index.ts';

const TIME_PATH = '/api/time' as const;
const KEPT_SAMPLES = 8 as const;

export class ServerClock {
  #offsetMs = 0;
  #samples: OffsetSample[] = [];

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  async measure(rounds: number): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      const t0 = Date.now();
      try {
        const response = await fetch(TIME_PATH, { cache: 'no-store' });
        const body = (await response.json()) as { now?: unknown };
        if (typeof body.now !== 'number') break;
        this.#samples = [...this.#samples, { t0, serverNow: body.now, t1: Date.now() }].slice(-KEPT_SAMPLES);
      } catch {
        break;
      }
      const estimate = bestClockOffset(this.#samples);
      if (estimate !== null) this.#offsetMs = estimate.offsetMs;
    }
  }
}
