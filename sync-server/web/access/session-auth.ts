// Sessions are opaque random bearer strings. Only their SHA-256 is stored, so a copy of the
// database does not let anyone act as a signed-in user.
import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import { randomId, type AccountId, type SessionId } from './access-ids.ts';
import type { AccountRow, SessionRow } from './access-records.ts';
import { bearerToken, type ApiRequest } from './api-http.ts';

const SESSION_BYTES = 32;
// last_used_at is for the session listing; minute precision spares a write per API call.
const TOUCH_INTERVAL_MS = 60_000;

export interface Authenticated {
  readonly account: AccountRow;
  readonly session: SessionRow;
}

export function hashSessionToken(session: string): Buffer {
  return createHash('sha256').update(session).digest();
}

/** Starts a session and returns the bearer string, which is shown to the client once. */
export async function startSession(ctx: AccessContext, account: AccountId, now: number): Promise<string> {
  const session = randomBytes(SESSION_BYTES).toString('base64url');
  await ctx.records.insertSession({
    session_id: randomId<SessionId>(),
    token_hash: hashSessionToken(session),
    account_id: account,
    created_at: now,
    last_used_at: now,
    expires_at: now + ctx.config.sessionTtlMs,
  });
  return session;
}

/** What a sign-in of any kind answers: the account, a new session and the name to show. */
export interface SessionGrant {
  readonly accountId: AccountId;
  readonly session: string;
  readonly name: string;
}

export async function grantSession(ctx: AccessContext, account: Pick<AccountRow, 'account_id' | 'name'>, now: number): Promise<SessionGrant> {
  return { accountId: account.account_id, session: await startSession(ctx, account.account_id, now), name: account.name };
}

export async function authenticate(ctx: AccessContext, request: ApiRequest): Promise<Authenticated> {
  const session = await ctx.records.liveSessionByHash(hashSessionToken(bearerToken(request)), request.now);
  const account = session === null ? null : await ctx.records.accountById(session.account_id);
  if (session === null || account === null) {
    throw new ApiError(401, ApiErrorCode.unauthenticated, 'The session has ended or was revoked; sign in again.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  if (request.now - session.last_used_at >= TOUCH_INTERVAL_MS) await ctx.records.touchSession(session.session_id, request.now);
  return { account, session };
}
