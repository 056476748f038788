// Per-IP websocket connection rate. The key is the TCP peer address only: X-Forwarded-For and
// similar headers are client-controlled and would let one host pose as many. Idle buckets are
// pruned so the map's size follows recent traffic, not history.
import { TokenBucket } from './token-bucket.ts';

export class IpConnectionLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #ratePerSecond: number;
  readonly #burst: number;

  constructor(ratePerSecond: number, burst: number) {
    this.#ratePerSecond = ratePerSecond;
    this.#burst = burst;
  }

  allow(ip: string, now: number): boolean {
    let bucket = this.#buckets.get(ip);
    if (!bucket) {
      bucket = new TokenBucket(this.#ratePerSecond, this.#burst, now);
      this.#buckets.set(ip, bucket);
    }
    return bucket.take(1, now);
  }

  prune(now: number): void {
    for (const [ip, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(ip);
  }
}
