// The OpenID providers an operator configures (config file or LTM_OIDC_<NAME>_* variables), the
// `google` preset, and the checks that refuse a configuration before the relay starts: a bad
// name, a missing client id or secret, an http:// issuer without --allow-insecure-oidc.
import { PROVIDER_NAME } from '../../../wire/oidc-sign-in.ts';

/** As written in the configuration; a preset fills in what is left out. */
export interface OidcProviderSettings {
  readonly issuer?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly label?: string;
}

export interface OidcProvider {
  readonly name: string;
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly label: string;
}

const PRESETS: Readonly<Record<string, { readonly issuer: string; readonly label: string }>> = {
  google: { issuer: 'https://accounts.google.com', label: 'Google' },
};

export class OidcSettingsError extends Error {
  override readonly name = 'OidcSettingsError';
}

/** Applies presets and checks every provider; throws OidcSettingsError on the first problem. */
export function resolveOidcProviders(
  settings: Readonly<Record<string, OidcProviderSettings>>,
  allowInsecure: boolean,
): OidcProvider[] {
  return Object.entries(settings).map(([name, given]) => {
    if (!PROVIDER_NAME.test(name)) {
      throw new OidcSettingsError(`OpenID provider name "${name}" must be lower-case letters, digits and dashes`);
    }
    const preset = PRESETS[name];
    const issuer = given.issuer ?? preset?.issuer;
    if (issuer === undefined || !URL.canParse(issuer)) {
      throw new OidcSettingsError(`OpenID provider "${name}" needs an issuer URL (LTM_OIDC_${envName(name)}_ISSUER)`);
    }
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowInsecure)) {
      throw new OidcSettingsError(
        `OpenID provider "${name}" has a non-https issuer ${url.origin}; only --allow-insecure-oidc (local testing) permits http`,
      );
    }
    if (!given.clientId || !given.clientSecret) {
      throw new OidcSettingsError(
        `OpenID provider "${name}" needs a client id and a client secret (LTM_OIDC_${envName(name)}_CLIENT_ID, _CLIENT_SECRET)`,
      );
    }
    const label = given.label?.trim() || preset?.label || name;
    return { name, issuer: url, clientId: given.clientId, clientSecret: given.clientSecret, label };
  });
}

/** The NAME part of LTM_OIDC_<NAME>_*: dashes become underscores. */
export function envName(name: string): string {
  return name.toUpperCase().replaceAll('-', '_');
}

/** True when some provider is reached over plain http (allowed only for local testing). */
export function hasInsecureIssuer(providers: readonly OidcProvider[]): boolean {
  return providers.some((p) => p.issuer.protocol === 'http:');
}
