// A token bucket: `ratePerSecond` sustained, up to `capacity` at once. Time is passed in so the
// caller decides the clock (one performance.now() per message, shared by both of its buckets).
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, capacity: number, now: number) {
    this.#capacity = capacity;
    this.#perMs = ratePerSecond / 1000;
    this.#tokens = capacity;
    this.#last = now;
  }

  take(amount: number, now: number): boolean {
    this.#refill(now);
    if (this.#tokens < amount) return false;
    this.#tokens -= amount;
    return true;
  }

  /** True when the bucket has refilled completely, i.e. it remembers nothing worth keeping. */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.#capacity;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#perMs);
  }
}
