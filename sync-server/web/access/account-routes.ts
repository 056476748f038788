// Accounts and sessions: sign-up, sign-in, sign-out, session listing, password change and
// account deletion (which needs a recent sign-in or the password: recent-proof.ts). Sign-in answers the same 401 for an unknown email and a wrong password, and spends the same
// scrypt work on both, so the API does not reveal which emails have accounts. Sign-up and sign-in
// hand the client a device token (device-tokens.ts) that it sends with its next sign-in.
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import { RevocationKey, randomId, type AccountId, type SessionId } from './access-ids.ts';
import { readJsonObject, type ApiHandler } from './api-http.ts';
import { enforce } from './enforce-limits.ts';
import { checkNewPassword, emailWords, normaliseEmail, requireString } from './api-validation.ts';
import { displayName } from './display-name.ts';
import { hashPassword, hasPassword } from './password-hash.ts';
import { checkPasswordSignIn } from './password-sign-in.ts';
import { runPendingDeletions } from './pending-deletions.ts';
import { guardPasswordGuess, requireCurrentPassword, requireRecentProof } from './recent-proof.ts';
import { authenticate, grantSession } from './session-auth.ts';

const CURRENT = 'current';

export function accountRoutes(ctx: AccessContext) {
  const { records, config, limiters } = ctx;
  // Computed up front so even the first unknown-email sign-in costs exactly one scrypt.
  const hashForUnknownEmail = hashPassword(randomId(), config.scrypt);
  hashForUnknownEmail.catch((error: unknown) => ctx.logger.error({ err: error }, 'hashing the stand-in password failed'));

  const signUp: ApiHandler = async (request) => {
    const body = readJsonObject(request, config.maxBodyBytes);
    const email = normaliseEmail(requireString(body, 'email'));
    const name = displayName(body.name, config, false);
    const offered = requireString(body, 'password');
    // Counted before the strength check, which costs tens of milliseconds of CPU.
    enforce(request, [[limiters.signUpPerIp, request.ip]]);
    const password = await checkNewPassword(offered, config, [...emailWords(email), name]);
    const taken = () => new ApiError(409, ApiErrorCode.emailTaken, 'An account with this email already exists; sign in instead.');
    if ((await records.accountByEmail(email)) !== null) throw taken();
    const accountId = randomId<AccountId>();
    const password_hash = await hashPassword(password, config.scrypt);
    if (!(await records.insertAccount({ account_id: accountId, email, name, password_hash, created_at: request.now }))) throw taken();
    ctx.logger.info({ accountId }, 'account created');
    return { status: 201, body: { ...(await grantSession(ctx, { account_id: accountId, name }, request.now)), deviceToken: ctx.devices.issue(accountId, request.now) } };
  };

  const signIn: ApiHandler = async (request) => {
    const body = readJsonObject(request, config.maxBodyBytes);
    const attempt = { email: normaliseEmail(requireString(body, 'email')), password: requireString(body, 'password'), deviceToken: body.deviceToken };
    const account = await checkPasswordSignIn(ctx, request, attempt, hashForUnknownEmail);
    await records.purgeExpiredSessions(request.now);
    return { status: 200, body: { ...(await grantSession(ctx, account, request.now)), deviceToken: ctx.devices.issue(account.account_id, request.now) } };
  };

  const currentAccount: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    const { account_id, email, name, created_at } = account;
    return { status: 200, body: { accountId: account_id, email, name, createdAt: created_at } };
  };

  const renameAccount: ApiHandler = async (request) => {
    const { account } = await authenticate(ctx, request);
    const name = displayName(readJsonObject(request, config.maxBodyBytes).name, config, true);
    await records.setName(account.account_id, name);
    ctx.logger.info({ accountId: account.account_id }, 'display name changed');
    return { status: 200, body: { accountId: account.account_id, name } };
  };

  const listSessions: ApiHandler = async (request) => {
    const { account, session } = await authenticate(ctx, request);
    const sessions = (await records.liveSessionsOf(account.account_id, request.now)).map((row) => ({
      sessionId: row.session_id,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
      current: row.session_id === session.session_id,
    }));
    return { status: 200, body: { sessions } };
  };

  /** `DELETE /api/sessions/current` signs out; `DELETE /api/sessions/<id>` ends another own session. */
  const endSession: ApiHandler = async (request) => {
    const { account, session } = await authenticate(ctx, request);
    const target = request.params[0] === CURRENT ? session.session_id : (request.params[0] ?? '');
    if (!(await records.deleteSession(target, account.account_id))) {
      throw new ApiError(404, ApiErrorCode.notFound, 'No such session on this account.');
    }
    await ctx.revoke(RevocationKey.session(target as SessionId));
    return { status: 204 };
  };

  /** Needs the current password even with a live session, so a borrowed session cannot lock the
   *  owner out. Guesses count per session (a session is a device that signed in), never in the
   *  email's bucket, so strangers' failed sign-ins cannot block the owner's change either. */
  const changePassword: ApiHandler = async (request) => {
    const { account, session } = await authenticate(ctx, request);
    const body = readJsonObject(request, config.maxBodyBytes);
    const currentPassword = requireString(body, 'currentPassword');
    const offered = requireString(body, 'newPassword');
    const sessionKey = guardPasswordGuess(ctx, request, session);
    if (!hasPassword(account.password_hash)) {
      throw new ApiError(409, ApiErrorCode.noPassword, 'This account signs in with an OpenID provider and has no password to change.');
    }
    const newPassword = await checkNewPassword(offered, config, [...emailWords(account.email), account.name]);
    await requireCurrentPassword(ctx, account, currentPassword, sessionKey);
    const ended = await records.changePassword(account.account_id, await hashPassword(newPassword, config.scrypt), session.session_id);
    await ctx.revoke(...ended.map((id) => RevocationKey.session(id)));
    ctx.logger.info({ accountId: account.account_id, endedSessions: ended.length }, 'password changed');
    return { status: 200, body: { endedSessions: ended.length } };
  };

  const deleteAccount: ApiHandler = async (request) => {
    const signedIn = await authenticate(ctx, request);
    await requireRecentProof(ctx, request, signedIn);
    const { account } = signedIn;
    const docs = await records.deleteAccount(account.account_id, request.now);
    await ctx.revoke(RevocationKey.account(account.account_id));
    await ctx.evict(docs);
    const stillPending = await runPendingDeletions(ctx);
    ctx.logger.info({ accountId: account.account_id, documents: docs.length, stillPending }, 'account deleted');
    return { status: 204 };
  };

  return { signUp, signIn, currentAccount, renameAccount, listSessions, endSession, changePassword, deleteAccount };
}
