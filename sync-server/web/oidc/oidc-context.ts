// What the OpenID routes share: the access context (accounts, sessions, limits, logger), the
// OpenID records, the providers, and where this relay and its clients live. Also the two
// secrets' helpers: random one-time values and the hash under which they are stored.
import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '../access/access-context.ts';
import type { OidcRecords } from './oidc-records.ts';
import type { ProviderClients } from './provider-clients.ts';

export interface OidcContext {
  readonly access: AccessContext;
  readonly records: OidcRecords;
  readonly clients: ProviderClients;
  readonly extensionIds: readonly string[];
  /** The relay's public base URL (config publicUrl, else the address it listens on). */
  readonly ownUrl: () => string;
}

const ONE_TIME_BYTES = 32;

export function oneTimeSecret(): string {
  return randomBytes(ONE_TIME_BYTES).toString('base64url');
}

export function secretHash(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The provider's redirect URI for this relay: the one an operator registers at the provider. */
export function callbackUrl(ctx: OidcContext, callbackPath: string): string {
  return `${ctx.ownUrl().replace(/\/+$/, '')}${callbackPath}`;
}
