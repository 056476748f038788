// Turns a validated token response into the identity the relay records: issuer and subject from
// the ID token, the email only when the provider marks it verified, and a display name. Providers
// that keep email and name out of the ID token (oidc-provider's default, some Entra setups) are
// asked at their userinfo endpoint, with the subject checked against the ID token's.
import * as client from 'openid-client';
import type { IDToken, UserInfoResponse } from 'openid-client';
import { normaliseEmail } from '../access/api-validation.ts';
import { fitDisplayName } from '../access/display-name.ts';

export interface ProviderIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** Verified by the provider, normalised; null otherwise, and then never used to match. */
  readonly email: string | null;
  readonly name: string;
}

export class MissingIdTokenError extends Error {
  override readonly name = 'MissingIdTokenError';
}

type Tokens = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

export async function providerIdentity(configuration: client.Configuration, tokens: Tokens, nameMaxLength: number): Promise<ProviderIdentity> {
  const idToken = tokens.claims();
  if (idToken === undefined) throw new MissingIdTokenError('the provider sent no ID token');
  let claims: IDToken | UserInfoResponse = idToken;
  if (typeof idToken.email !== 'string' && configuration.serverMetadata().userinfo_endpoint !== undefined) {
    claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
  }
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: claims.email_verified === true ? verifiedEmail(claims.email) : null,
    name: fitDisplayName(profileName(claims), { nameMaxLength }),
  };
}

function verifiedEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    return normaliseEmail(raw);
  } catch {
    return null;
  }
}

function profileName(claims: IDToken | UserInfoResponse): string {
  const given = [claims.given_name, claims.family_name].filter((part) => typeof part === 'string').join(' ');
  return typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : given;
}
