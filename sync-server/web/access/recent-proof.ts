// What a borrowed session must not do on its own: delete the account, or connect or remove a
// sign-in (a stranger's provider identity linked to the account would let them back in after
// every session was ended). Such a request needs a sign-in of the last ten minutes, or the
// account's current password in its body (`currentPassword`). An account without a password
// proves itself by signing in again. The password change checks the current password the same
// way (guardPasswordGuess, requireCurrentPassword): every guess through a session counts in that
// session's bucket and the IP's, so a session cannot be used to guess the password either.
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import { readJsonObject, type ApiRequest } from './api-http.ts';
import { enforce } from './enforce-limits.ts';
import { hasPassword, verifyPassword } from './password-hash.ts';
import type { AccountRow, SessionRow } from './access-records.ts';
import type { Authenticated } from './session-auth.ts';

export const RECENT_SIGN_IN_MS = 10 * 60_000;

export async function requireRecentProof(ctx: AccessContext, request: ApiRequest, { account, session }: Authenticated): Promise<void> {
  if (request.now - session.created_at < RECENT_SIGN_IN_MS) return;
  const body = request.body.length === 0 ? {} : readJsonObject(request, ctx.config.maxBodyBytes);
  const offered = body.currentPassword;
  const withPassword = hasPassword(account.password_hash);
  // An account without a password has nothing to guess: it signs in again, and spends no attempt.
  if (typeof offered !== 'string' || offered === '' || !withPassword) {
    const how = withPassword ? 'Send the current password (currentPassword), or sign in again,' : 'Sign in again';
    throw new ApiError(403, ApiErrorCode.reauthenticate, `${how} to do this: the session signed in more than ten minutes ago.`);
  }
  const guess = guardPasswordGuess(ctx, request, session);
  try {
    await requireCurrentPassword(ctx, account, offered, guess);
  } catch (error) {
    ctx.logger.info({ accountId: account.account_id }, 'a sensitive request had the wrong password');
    throw error;
  }
}

/** Counts a password guess made through this session (refused with 429 over the limits); returns
 *  the session's key for requireCurrentPassword. */
export function guardPasswordGuess(ctx: AccessContext, request: ApiRequest, session: SessionRow): string {
  const sessionKey = `session:${session.session_id}`;
  enforce(request, [
    [ctx.limiters.signInPerIp, request.ip],
    [ctx.limiters.signInPerDevice, sessionKey],
  ]);
  return sessionKey;
}

/** 403 invalid_credentials (not 401: the session is fine) unless `offered` is the account's
 *  password; a right one clears the session's guesses. */
export async function requireCurrentPassword(ctx: AccessContext, account: AccountRow, offered: string, sessionKey: string): Promise<void> {
  const tooLong = [...offered].length > ctx.config.passwordMaxLength;
  if (tooLong || !(await verifyPassword(offered, account.password_hash))) {
    throw new ApiError(403, ApiErrorCode.invalidCredentials, 'The current password is wrong.');
  }
  ctx.limiters.signInPerDevice.forget(sessionKey);
}
