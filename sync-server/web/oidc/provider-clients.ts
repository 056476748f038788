// One openid-client Configuration per configured provider, made by discovery on first use and
// kept (openid-client refreshes the provider's keys itself). A failed discovery is not kept, so
// the next sign-in tries again once the provider is back.
import * as client from 'openid-client';
import type { OidcProvider } from './oidc-settings.ts';

const DISCOVERY_TIMEOUT_SECONDS = 10;

export interface ProviderClients {
  readonly providers: readonly OidcProvider[];
  byName(name: string): OidcProvider | null;
  /** The provider whose issuer is `iss` (as an ID token states it), if it is still configured. */
  byIssuer(iss: string): OidcProvider | null;
  configuration(provider: OidcProvider): Promise<client.Configuration>;
}

export function createProviderClients(providers: readonly OidcProvider[]): ProviderClients {
  const discovered = new Map<string, Promise<client.Configuration>>();

  const discover = (provider: OidcProvider) =>
    client.discovery(provider.issuer, provider.clientId, provider.clientSecret, undefined, {
      // Only an issuer the operator configured as http (with --allow-insecure-oidc) gets this.
      execute: provider.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      timeout: DISCOVERY_TIMEOUT_SECONDS,
    });

  return {
    providers,
    byName: (name) => providers.find((p) => p.name === name) ?? null,
    byIssuer: (iss) => providers.find((p) => sameIssuer(p.issuer, iss)) ?? null,
    configuration(provider) {
      let configuration = discovered.get(provider.name);
      if (configuration === undefined) {
        configuration = discover(provider);
        discovered.set(provider.name, configuration);
        configuration.catch(() => discovered.delete(provider.name));
      }
      return configuration;
    },
  };
}

/** `https://issuer.example` and `https://issuer.example/` name the same issuer. */
export function sameIssuer(configured: URL, iss: string): boolean {
  return URL.canParse(iss) && new URL(iss).href === configured.href;
}
