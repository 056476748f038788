// When the relay link tries again after its connection failed. The stock provider's delay stops
// growing at its maxBackoffTime (a few seconds) and starts over whenever a connection syncs, so
// while a relay cannot store (a full disk closes every writer with 1011) every client keeps
// coming back every few seconds, forever. Here a failure is any close the relay did not mean as
// final, whether or not the connection synced first; only a connection that stayed up for
// `stableMs` counts as recovered. Delays double from `baseMs` up to `maxMs`, with "equal jitter"
// (half fixed, half random) so clients that failed together do not return together.
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** A connection open at least this long before it closed resets the schedule. */
  readonly stableMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, stableMs: 10_000 };

export class ReconnectBackoff {
  #failures = 0;

  constructor(
    readonly policy: BackoffPolicy = RECONNECT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  get failures(): number {
    return this.#failures;
  }

  /** The delay before the next attempt, for a connection that was open `upMs` (0: never opened). */
  failed(upMs: number): number {
    if (upMs >= this.policy.stableMs) this.#failures = 0;
    const ceiling = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** this.#failures);
    this.#failures++;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  reset(): void {
    this.#failures = 0;
  }
}
