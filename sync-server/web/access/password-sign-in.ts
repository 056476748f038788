// Checking an email and password at sign-in, throttled without letting strangers lock the owner
// out. Every attempt counts against the client's address, and against one of two buckets: the
// device's own bucket when it presents an unexpired device token issued to this account (it
// signed in before), else the email's bucket shared by every untrusted device (OWASP's device cookies).
// A correct password empties the bucket it used, and replaces a hash made with older scrypt
// parameters while the password is at hand.
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { AccountRow } from './access-records.ts';
import type { ApiRequest } from './api-http.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';
import { enforce } from './enforce-limits.ts';
import { hashPassword, hasPassword, needsRehash, verifyPassword } from './password-hash.ts';

export interface SignInAttempt {
  readonly email: string;
  readonly password: string;
  /** What the client kept from its last sign-in; anything else is treated as no token. */
  readonly deviceToken: unknown;
}

/** The account whose password this is; otherwise an ApiError (401 wrong, 429 throttled). */
export async function checkPasswordSignIn(ctx: AccessContext, request: ApiRequest, attempt: SignInAttempt, standIn: Promise<string>): Promise<AccountRow> {
  const { records, config, limiters } = ctx;
  const found = await records.accountByEmail(attempt.email);
  // An account made by an OpenID sign-in has no password: it answers like an unknown email.
  const account = found !== null && hasPassword(found.password_hash) ? found : null;
  const device = account === null ? null : ctx.devices.deviceOf(attempt.deviceToken, account.account_id, request.now);
  const bucket: readonly [AttemptLimiter, string] = device === null ? [limiters.signInPerEmail, attempt.email] : [limiters.signInPerDevice, device];
  enforce(request, [[limiters.signInPerIp, request.ip], bucket]);
  const tooLong = [...attempt.password].length > config.passwordMaxLength;
  // An unknown email costs the same scrypt as a known one, so timing does not tell them apart.
  const matches = await verifyPassword(attempt.password, account?.password_hash ?? (await standIn));
  if (account === null || tooLong || !matches) {
    throw new ApiError(401, ApiErrorCode.invalidCredentials, 'The email or the password is wrong.');
  }
  bucket[0].forget(bucket[1]);
  if (needsRehash(account.password_hash, config.scrypt)) {
    const upgraded = await hashPassword(attempt.password, config.scrypt);
    if (await records.replacePasswordHash(account.account_id, account.password_hash, upgraded)) {
      ctx.logger.info({ accountId: account.account_id }, 'password hash upgraded to the current scrypt parameters');
    }
  }
  return account;
}
