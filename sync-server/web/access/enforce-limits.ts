// Counting an attempt against several limiters at once (an address and an email, a device or an
// account). The request is refused with 429 and the longest Retry-After if any of them is at its
// limit, and then none of them counts it: a refused attempt tried nothing, and counting it would
// let one address that is itself over its limit still create a fresh key in the others (a new
// email per request) until the bounded limiters forget their oldest keys, the very buckets that
// hold a guessed account's count. An attempt within every limit counts in every one.
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { ApiRequest } from './api-http.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';

const MS_PER_SECOND = 1000;

export function enforce(request: ApiRequest, checks: readonly (readonly [AttemptLimiter, string])[]): void {
  let retryAfterMs = 0;
  for (const [limiter, key] of checks) {
    const decision = limiter.peek(key, request.now);
    if (!decision.ok) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
  }
  if (retryAfterMs > 0) {
    throw new ApiError(429, ApiErrorCode.rateLimited, 'Too many attempts; wait a while and try again.', {
      headers: { 'retry-after': String(Math.ceil(retryAfterMs / MS_PER_SECOND)) },
    });
  }
  for (const [limiter, key] of checks) limiter.hit(key, request.now);
}
