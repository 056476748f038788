// Builds OpenID sign-in on top of the access context: resolves the configured providers, makes
// their clients, and returns the routes the access gate serves. With no provider configured the
// routes still answer (an empty list, unknown provider), so clients need no special case.
import { OidcRoutes } from '../../../wire/oidc-sign-in.ts';
import type { AccessContext } from '../access/access-context.ts';
import type { ApiRoute } from '../access/api-router.ts';
import type { OidcRecords } from './oidc-records.ts';
import { oidcFlowRoutes } from './oidc-flow-routes.ts';
import { oidcSessionRoutes } from './oidc-session-routes.ts';
import { hasInsecureIssuer, resolveOidcProviders, type OidcProviderSettings } from './oidc-settings.ts';
import { createProviderClients } from './provider-clients.ts';
import { anyMember } from '../../../wire/api-routes.ts';

export interface OidcOptions {
  readonly providers: Readonly<Record<string, OidcProviderSettings>>;
  readonly allowInsecure: boolean;
  readonly extensionIds: readonly string[];
  /** The relay's public base URL; called per request, since a relay on port 0 learns it late. */
  readonly ownUrl: () => string;
}

export const NO_OIDC: OidcOptions = { providers: {}, allowInsecure: false, extensionIds: [], ownUrl: () => 'http://127.0.0.1' };

/** `records`: createSqliteOidcRecords on the relay's database, or createPostgresOidcRecords. */
export function oidcRoutes(access: AccessContext, records: OidcRecords, options: OidcOptions): ApiRoute[] {
  const providers = resolveOidcProviders(options.providers, options.allowInsecure);
  if (hasInsecureIssuer(providers)) {
    access.logger.warn(
      { providers: providers.filter((p) => p.issuer.protocol === 'http:').map((p) => p.name) },
      'OpenID over plain http is allowed (--allow-insecure-oidc): for local testing only, never in production',
    );
  }
  const ctx = {
    access,
    records,
    clients: createProviderClients(providers),
    extensionIds: options.extensionIds,
    ownUrl: options.ownUrl,
  };
  const flow = oidcFlowRoutes(ctx);
  const sessions = oidcSessionRoutes(ctx);
  return [
    { path: OidcRoutes.providers, methods: { GET: sessions.providers } },
    { path: OidcRoutes.exchange, methods: { POST: sessions.exchange } },
    { path: OidcRoutes.identities, methods: { GET: sessions.list, POST: sessions.link } },
    { path: anyMember(OidcRoutes.identities), methods: { DELETE: sessions.unlink } },
    { path: OidcRoutes.start('*'), methods: { GET: flow.start } },
    { path: OidcRoutes.callback('*'), methods: { GET: flow.callback } },
  ];
}
