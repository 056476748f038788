// Fixed-window attempt counters keyed by a string (an email, an IP). Memory is bounded: expired
// windows are pruned when the map is full, and past that the oldest key still under its limit is
// forgotten, the oldest of all only when every key is at it. A full map is what anyone can cause
// (an attempt per fresh email, from many addresses); forgetting a key at its limit would hand a
// guesser that key's budget afresh, and reaching the limit takes `max` attempts per key.
import type { RateWindow } from './access-config.ts';

export type LimitDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

interface Window {
  count: number;
  readonly resetAt: number;
}

export class AttemptLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly rate: RateWindow,
    private readonly maxKeys: number,
  ) {}

  /** Counts one attempt for key and says whether it is within the limit. */
  hit(key: string, now: number): LimitDecision {
    let window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.#windows.delete(key);
      this.#makeRoom(now);
      window = { count: 0, resetAt: now + this.rate.windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.rate.max ? { ok: true } : { ok: false, retryAfterMs: window.resetAt - now };
  }

  /** Whether one more attempt would be within the limit, without counting one: for limits that
   *  count only failures, checked before the secret is compared so a refused guess learns nothing. */
  peek(key: string, now: number): LimitDecision {
    const window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now || window.count < this.rate.max) return { ok: true };
    return { ok: false, retryAfterMs: window.resetAt - now };
  }

  forget(key: string): void {
    this.#windows.delete(key);
  }

  #makeRoom(now: number): void {
    if (this.#windows.size < this.maxKeys) return;
    for (const [key, window] of this.#windows) {
      if (window.resetAt <= now) this.#windows.delete(key);
    }
    // Map iteration follows insertion order, so the first key found is the oldest window.
    while (this.#windows.size >= this.maxKeys) {
      const victim = this.#oldestUnder() ?? this.#windows.keys().next().value;
      if (victim === undefined) break;
      this.#windows.delete(victim);
    }
  }

  #oldestUnder(): string | undefined {
    for (const [key, window] of this.#windows) if (window.count < this.rate.max) return key;
    return undefined;
  }
}
