// The two browser legs of an OpenID sign-in. `start` checks the client's redirect_uri against the
// allow-list before anything else (a refused one gets 400, never a redirect), stores the flow
// with the relay's own state, nonce and PKCE verifier, and sends the browser to the provider.
// `callback` takes the flow by its state (once), lets openid-client validate the provider's
// answer (state, issuer, PKCE, ID token signature, audience, nonce), applies the linking rules
// and sends the browser back to the client with a one-time code, or an `error`, and its state.
import * as client from 'openid-client';
import { OidcCallbackError, OidcIntent, OidcRoutes, type OidcCallbackErrorValue } from '../../../wire/oidc-sign-in.ts';
import { enforce } from '../access/enforce-limits.ts';
import { ApiError, ApiErrorCode } from '../access/access-errors.ts';
import type { ApiHandler, ApiReply, ApiRequest } from '../access/api-http.ts';
import { accountForSignIn } from './identity-accounts.ts';
import { callbackUrl, oneTimeSecret, secretHash, type OidcContext } from './oidc-context.ts';
import type { FlowRow } from './oidc-records.ts';
import type { OidcProvider } from './oidc-settings.ts';
import { providerIdentity } from './provider-identity.ts';
import { isAllowedRedirect } from './redirect-allow-list.ts';

const SCOPE = 'openid email profile';
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const CLIENT_STATE = /^[\x21-\x7e]{8,512}$/;

function badRequest(code: typeof ApiErrorCode.badRequest | typeof ApiErrorCode.invalidRedirectUri, message: string): ApiError {
  return new ApiError(400, code, message);
}

function providerOf(ctx: OidcContext, request: ApiRequest): OidcProvider {
  const provider = ctx.clients.byName(request.params[0] ?? '');
  if (provider === null) throw new ApiError(404, ApiErrorCode.unknownProvider, 'This relay has no such sign-in provider.');
  return provider;
}

async function configurationOf(ctx: OidcContext, provider: OidcProvider): Promise<client.Configuration> {
  try {
    return await ctx.clients.configuration(provider);
  } catch (error) {
    ctx.access.logger.warn({ provider: provider.name, reason: describe(error) }, 'OpenID discovery failed');
    throw new ApiError(502, ApiErrorCode.providerUnavailable, 'The sign-in provider cannot be reached; try again later.');
  }
}

/** What a failure was, from error names, codes and messages only: their other fields can hold
 *  the provider's response, tokens included. One level of cause says which check failed. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${cause}`;
}

function backToClient(flow: FlowRow, result: { code: string } | { error: OidcCallbackErrorValue }): ApiReply {
  const location = new URL(flow.redirect_uri);
  if ('code' in result) location.searchParams.set('code', result.code);
  else location.searchParams.set('error', result.error);
  location.searchParams.set('state', flow.client_state);
  return { status: 302, location: location.href };
}

export function oidcFlowRoutes(ctx: OidcContext) {
  const { access } = ctx;

  const start: ApiHandler = async (request) => {
    const provider = providerOf(ctx, request);
    const q = request.query;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!isAllowedRedirect(redirectUri, ctx.extensionIds, ctx.ownUrl())) {
      throw badRequest(ApiErrorCode.invalidRedirectUri, 'redirect_uri is not one this relay sends sign-ins to.');
    }
    const clientState = q.get('state') ?? '';
    if (!CLIENT_STATE.test(clientState)) throw badRequest(ApiErrorCode.badRequest, 'state must be 8 to 512 printable characters.');
    const codeChallenge = q.get('code_challenge') ?? '';
    if (!CODE_CHALLENGE.test(codeChallenge) || q.get('code_challenge_method') !== 'S256') {
      throw badRequest(ApiErrorCode.badRequest, 'A PKCE code_challenge with code_challenge_method=S256 is required.');
    }
    const intent = q.get('intent') ?? OidcIntent.signIn;
    if (intent !== OidcIntent.signIn && intent !== OidcIntent.link) throw badRequest(ApiErrorCode.badRequest, 'intent is sign-in or link.');
    enforce(request, [[access.limiters.oidcPerIp, request.ip]]);
    const configuration = await configurationOf(ctx, provider);

    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await ctx.records.purgeExpired(request.now);
    await ctx.records.insertFlow({
      state_hash: secretHash(state),
      provider: provider.name,
      intent,
      redirect_uri: redirectUri,
      client_state: clientState,
      code_challenge: codeChallenge,
      code_verifier: verifier,
      nonce,
      expires_at: request.now + access.config.oidcFlowTtlMs,
    });
    const location = client.buildAuthorizationUrl(configuration, {
      redirect_uri: callbackUrl(ctx, OidcRoutes.callback(provider.name)),
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { status: 302, location: location.href };
  };

  const callback: ApiHandler = async (request) => {
    const provider = providerOf(ctx, request);
    const state = request.query.get('state');
    const flow = state === null ? null : await ctx.records.takeFlow(secretHash(state), request.now);
    if (state === null || flow === null) {
      throw new ApiError(400, ApiErrorCode.invalidState, 'This sign-in is unknown, already used or expired; start again.');
    }
    const refuse = (error: OidcCallbackErrorValue, reason: string) => {
      access.logger.info({ provider: provider.name, error, reason }, 'OpenID sign-in refused');
      return backToClient(flow, { error });
    };
    // A state issued for another provider: a mix-up, where one provider's answer is replayed at another.
    if (flow.provider !== provider.name) return refuse(OidcCallbackError.signInFailed, `state was issued for ${flow.provider}`);
    if (request.query.has('error')) return refuse(OidcCallbackError.accessDenied, 'the provider answered with an error');

    const current = new URL(callbackUrl(ctx, OidcRoutes.callback(provider.name)));
    current.search = request.query.toString();
    let identity;
    try {
      // The flow is taken already, so even an unreachable provider sends the browser back to its client.
      const configuration = await ctx.clients.configuration(provider);
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: flow.code_verifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      identity = await providerIdentity(configuration, tokens, access.config.nameMaxLength);
    } catch (error) {
      return refuse(OidcCallbackError.signInFailed, describe(error));
    }

    let account = null;
    if (flow.intent === OidcIntent.signIn) {
      const outcome = await accountForSignIn(ctx, identity, request.now);
      if (!outcome.ok) return refuse(outcome.error, outcome.error);
      account = outcome.account;
    }
    const code = oneTimeSecret();
    await ctx.records.insertCode({
      code_hash: secretHash(code),
      intent: flow.intent,
      account_id: account,
      ...identity,
      code_challenge: flow.code_challenge,
      expires_at: request.now + access.config.oidcCodeTtlMs,
    });
    return backToClient(flow, { code });
  };

  return { start, callback };
}
