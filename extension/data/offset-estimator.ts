// The one estimate of (relay clock - local clock), for every context: GET /api/time round trips,
// NTP-style, keeping the recent samples and trusting the one with the shortest round trip
// (crdt's bestClockOffset), whose midpoint best matches the relay's reading. Old samples age
// out, so a local clock that was adjusted is followed within a couple of rounds.
import { bestClockOffset, type OffsetEstimate, type OffsetSample } from '../../crdt/clock-offset.ts';

const KEPT_SAMPLES = 8 as const;

export class OffsetEstimator {
  #offsetMs: number;
  #samples: OffsetSample[] = [];
  readonly #serverTime: () => Promise<number>;

  constructor(serverTime: () => Promise<number>, initialOffsetMs = 0) {
    this.#serverTime = serverTime;
    this.#offsetMs = initialOffsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** The local clock corrected to the relay's. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Takes up to `rounds` samples (stopping at the first failure); the best estimate so far, if any. */
  async measure(rounds: number): Promise<OffsetEstimate | null> {
    for (let i = 0; i < rounds; i++) {
      const t0 = Date.now();
      try {
        const serverNow = await this.#serverTime();
        this.#samples = [...this.#samples, { t0, serverNow, t1: Date.now() }].slice(-KEPT_SAMPLES);
      } catch {
        break;
      }
    }
    const estimate = bestClockOffset(this.#samples);
    if (estimate !== null) this.#offsetMs = estimate.offsetMs;
    return estimate;
  }
}
