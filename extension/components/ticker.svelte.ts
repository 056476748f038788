// A reactive clock: reading `now` inside an effect re-runs it every interval, and only while
// something reads it, so a hidden view costs nothing. The offset corrects this device's clock
// to the relay's when one is known, so every device shows the same remaining time.
import { createSubscriber } from 'svelte/reactivity';

export const TICK_MS = 250 as const;

export class Ticker {
  readonly #subscribe: () => void;
  readonly #offsetMs: () => number;

  constructor(offsetMs: () => number = () => 0, intervalMs: number = TICK_MS) {
    this.#offsetMs = offsetMs;
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return this.corrected();
  }

  /** The corrected time without subscribing, for stamping an action. */
  corrected(): number {
    return Date.now() + this.#offsetMs();
  }
}
