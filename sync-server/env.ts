// The only module that reads process.env and argv: the config file (--config or LTM_CONFIG), the
// LTM_* variables and the --flags become layers over the defaults. Precedence, lowest first:
// defaults, config file, environment, flags.
import { parseArgs } from 'node:util';
import { CONFIG_ENV, CONFIG_FLAG } from './config-help.ts';
import { expandSwitches, layerFromEnv, layerFromFile, layerFromFlags, flagOptions, type SettingLayer } from './config-layers.ts';
import { resolveServiceConfig, UnknownSettingError, type RelayConfig, type ServiceConfig } from './config.ts';
import type { OidcProviderSettings } from './web/oidc/oidc-settings.ts';

export function loadServiceConfig(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: expandSwitches(argv), options: { [CONFIG_FLAG]: { type: 'string' }, ...flagOptions() }, strict: true }));
  } catch (error) {
    throw new UnknownSettingError(argv.join(' '), 'command line', `is refused: ${(error as Error).message}`);
  }
  const file = (values[CONFIG_FLAG] as string | undefined) ?? env[CONFIG_ENV];
  const fileLayer = file === undefined || file === '' ? [] : [layerFromFile(file)];
  return resolveServiceConfig([...fileLayer, layerFromEnv(env), oidcLayer(env), layerFromFlags(values)]);
}

/** Providers are named by their variables, so they form one setting of their own. */
function oidcLayer(env: NodeJS.ProcessEnv): SettingLayer {
  const providers = oidcProvidersFromEnvironment(env);
  if (Object.keys(providers).length === 0) return new Map();
  return new Map([['relay.oidcProviders', { value: providers, from: 'LTM_OIDC_<NAME>_*' }]]);
}

const OIDC_VARIABLE = /^LTM_OIDC_([A-Z0-9_]+)_(ISSUER|CLIENT_ID|CLIENT_SECRET|LABEL)$/;
const OIDC_FIELDS = { ISSUER: 'issuer', CLIENT_ID: 'clientId', CLIENT_SECRET: 'clientSecret', LABEL: 'label' } as const;

/** LTM_OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL; NAME's underscores become dashes.
 *  Secrets come from the environment only, never from flags (flags show in process listings). */
export function oidcProvidersFromEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, OidcProviderSettings> {
  const providers: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = OIDC_VARIABLE.exec(key);
    if (match === null || value === undefined || value === '') continue;
    const name = (match[1] ?? '').toLowerCase().replaceAll('_', '-');
    const field = OIDC_FIELDS[match[2] as keyof typeof OIDC_FIELDS];
    (providers[name] ??= {})[field] = value;
  }
  // Missing ids or secrets are left empty so resolveConfig names exactly what is missing.
  return Object.fromEntries(
    Object.entries(providers).map(([name, p]) => [name, { ...p, clientId: p.clientId ?? '', clientSecret: p.clientSecret ?? '' }]),
  );
}

/** The relay's part of the configuration. */
export function configFromEnvironment(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): RelayConfig {
  return loadServiceConfig(argv, env).relay;
}

/** The data directory the data tools use when no --data flag is given. */
export function environmentDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LTM_DATA || undefined;
}

/** The PostgreSQL URL migrate-to-postgres uses when no --database-url flag is given. */
export function environmentDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LTM_DATABASE_URL || undefined;
}
