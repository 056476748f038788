// Counting an attempt against several limiters at once (an address and an email, a device or an
// account): every one of them counts it, and the request is refused with 429 and the longest
// Retry-After if any is over its limit, so one refusal never hides another limit's count.
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { ApiRequest } from './api-http.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';

const MS_PER_SECOND = 1000;

export function enforce(request: ApiRequest, checks: readonly (readonly [AttemptLimiter, string])[]): void {
  let retryAfterMs = 0;
  for (const [limiter, key] of checks) {
    const decision = limiter.hit(key, request.now);
    if (!decision.ok) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
  }
  if (retryAfterMs > 0) {
    throw new ApiError(429, ApiErrorCode.rateLimited, 'Too many attempts; wait a while and try again.', {
      headers: { 'retry-after': String(Math.ceil(retryAfterMs / MS_PER_SECOND)) },
    });
  }
}
