// The JSON side of OpenID sign-in: the provider list for the buttons, the exchange of a one-time
// code (with the PKCE verifier of the client that started the flow) for a session, and the
// account's connected sign-ins: list, link (a code from a flow started with intent=link) and
// unlink, both of which need a recent sign-in or the password (recent-proof.ts). A code is taken
// before it is checked, so a wrong verifier spends it.
import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { OidcIntent, type OidcIntentValue, type OidcProviderInfo, type OidcSessionGrant } from '../../../wire/oidc-sign-in.ts';
import { enforce } from '../access/enforce-limits.ts';
import { ApiError, ApiErrorCode } from '../access/access-errors.ts';
import type { AccountId } from '../access/access-ids.ts';
import { readJsonObject, type ApiHandler, type ApiRequest } from '../access/api-http.ts';
import { requireString } from '../access/api-validation.ts';
import { hasPassword } from '../access/password-hash.ts';
import { requireRecentProof } from '../access/recent-proof.ts';
import { authenticate, startSession } from '../access/session-auth.ts';
import { linkToAccount, unlinkFromAccount } from './identity-accounts.ts';
import { secretHash, type OidcContext } from './oidc-context.ts';
import type { CodeRow, IdentityRow } from './oidc-records.ts';

// RFC 7636: 43 to 128 characters of the unreserved set.
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function invalidGrant(): ApiError {
  return new ApiError(400, ApiErrorCode.invalidGrant, 'The sign-in code is wrong, used or expired, or the verifier does not match; sign in again.');
}

/** Takes the code (single use) and checks the verifier against the challenge the client sent at start. */
async function redeem(ctx: OidcContext, request: ApiRequest, intent: OidcIntentValue): Promise<CodeRow> {
  const body = readJsonObject(request, ctx.access.config.maxBodyBytes);
  const code = requireString(body, 'code');
  const verifier = requireString(body, 'code_verifier');
  enforce(request, [[ctx.access.limiters.oidcPerIp, request.ip]]);
  const row = await ctx.records.takeCode(secretHash(code), request.now);
  if (row === null || row.intent !== intent || !CODE_VERIFIER.test(verifier)) throw invalidGrant();
  const challenge = Buffer.from(await client.calculatePKCECodeChallenge(verifier));
  const expected = Buffer.from(row.code_challenge);
  if (challenge.length !== expected.length || !timingSafeEqual(challenge, expected)) throw invalidGrant();
  return row;
}

export function oidcSessionRoutes(ctx: OidcContext) {
  const { access, records } = ctx;

  const describeIdentity = (row: IdentityRow) => {
    const provider = ctx.clients.byIssuer(row.issuer);
    return {
      identityId: row.identity_id,
      provider: provider?.name ?? null,
      label: provider?.label ?? row.issuer,
      email: row.email,
      name: row.name,
      linkedAt: row.linked_at,
    };
  };

  const providers: ApiHandler = () => {
    const list: OidcProviderInfo[] = ctx.clients.providers.map(({ name, label }) => ({ name, label }));
    return { status: 200, body: list };
  };

  const exchange: ApiHandler = async (request) => {
    const row = await redeem(ctx, request, OidcIntent.signIn);
    const account = row.account_id === null ? null : await access.records.accountById(row.account_id);
    // Deleted between the callback and now.
    if (account === null) throw invalidGrant();
    const grant: OidcSessionGrant = { accountId: account.account_id, session: await startSession(access, account.account_id, request.now), name: account.name };
    return { status: 201, body: grant };
  };

  const list: ApiHandler = async (request) => {
    const { account } = await authenticate(access, request);
    const identities = (await records.identitiesOf(account.account_id)).map(describeIdentity);
    return { status: 200, body: { identities, hasPassword: hasPassword(account.password_hash) } };
  };

  const link: ApiHandler = async (request) => {
    const signedIn = await authenticate(access, request);
    // Before the code is redeemed, so a refused link can be retried with the same code.
    await requireRecentProof(access, request, signedIn);
    const { account } = signedIn;
    const row = await redeem(ctx, request, OidcIntent.link);
    const added = await linkToAccount(ctx, row, account.account_id, request.now);
    const linked = await records.identityOf(row.issuer, row.subject);
    return { status: added ? 201 : 200, body: linked === null ? {} : describeIdentity(linked) };
  };

  const unlink: ApiHandler = async (request) => {
    const signedIn = await authenticate(access, request);
    await requireRecentProof(access, request, signedIn);
    const { account } = signedIn;
    await unlinkFromAccount(ctx, request.params[0] ?? '', account.account_id as AccountId);
    return { status: 204 };
  };

  return { providers, exchange, list, link, unlink };
}
