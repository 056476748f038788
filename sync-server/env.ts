// The only module that reads process.env and argv: turns LTM_* variables and --flags into config
// overrides (flags win over the environment).
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { ConfigError, type RelayConfig, type SqliteSynchronous } from './config.ts';
import type { OidcProviderSettings } from './web/oidc/oidc-settings.ts';
import type { WebsiteConfig } from './web/website/website-config.ts';

const SYNCHRONOUS_MODES: readonly SqliteSynchronous[] = ['FULL', 'NORMAL'];

function toPort(value: string, source: string): number {
  const port = Number(value);
  if (!Number.isInteger(port)) throw new ConfigError(`${source} is not a port: ${value}`);
  return port;
}

function parseAddressList(value: string, source: string): string[] {
  const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const bad = addresses.find((a) => isIP(a) === 0);
  if (bad !== undefined) throw new ConfigError(`${source} takes IP addresses separated by commas, got ${bad}`);
  return addresses;
}

function toCount(value: string, name: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got ${value}`);
  return count;
}

/** Caps and intervals an operator may tune without a flag of their own (LTM_<NAME>=<whole number>). */
const COUNT_VARIABLES = {
  LTM_MAX_SOCKETS_PER_IP: 'maxSocketsPerIp',
  LTM_MAX_AWARENESS_STATE_BYTES: 'maxAwarenessStateBytes',
  LTM_MAX_AWARENESS_BYTES_PER_ROOM: 'maxAwarenessBytesPerRoom',
  LTM_FAILURE_LOG_INTERVAL_MS: 'failureLogIntervalMs',
} as const satisfies Record<string, keyof RelayConfig>;

export function configFromEnvironment(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Partial<RelayConfig> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'log-level': { type: 'string' },
      'sqlite-synchronous': { type: 'string' },
      'public-url': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'extension-id': { type: 'string', multiple: true },
      'allow-insecure-oidc': { type: 'boolean' },
    },
    strict: true,
  });
  const overrides: { -readonly [K in keyof RelayConfig]?: RelayConfig[K] } = {};
  const port = values.port ?? env.LTM_PORT;
  if (port !== undefined) overrides.port = toPort(port, values.port ? '--port' : 'LTM_PORT');
  const host = values.host ?? env.LTM_HOST;
  if (host !== undefined) overrides.host = host;
  const dataDir = values.data ?? env.LTM_DATA;
  if (dataDir !== undefined) overrides.dataDir = dataDir;
  const logLevel = values['log-level'] ?? env.LTM_LOG_LEVEL;
  if (logLevel !== undefined) overrides.logLevel = logLevel;
  const publicUrl = values['public-url'] ?? env.LTM_PUBLIC_URL;
  if (publicUrl !== undefined && publicUrl !== '') overrides.publicUrl = publicUrl;
  const tlsCertFile = values['tls-cert'] ?? env.LTM_TLS_CERT;
  if (tlsCertFile !== undefined && tlsCertFile !== '') overrides.tlsCertFile = tlsCertFile;
  const tlsKeyFile = values['tls-key'] ?? env.LTM_TLS_KEY;
  if (tlsKeyFile !== undefined && tlsKeyFile !== '') overrides.tlsKeyFile = tlsKeyFile;
  const trustProxy = values['trust-proxy'] ?? env.LTM_TRUST_PROXY;
  if (trustProxy !== undefined && trustProxy !== '') overrides.trustedProxies = parseAddressList(trustProxy, values['trust-proxy'] ? '--trust-proxy' : 'LTM_TRUST_PROXY');
  const extensionIds = values['extension-id']?.join(',') ?? env.LTM_EXTENSION_IDS;
  if (extensionIds !== undefined && extensionIds !== '') overrides.extensionIds = splitList(extensionIds);
  if (values['allow-insecure-oidc'] === true || env.LTM_ALLOW_INSECURE_OIDC === 'true') overrides.allowInsecureOidc = true;
  const providers = oidcProvidersFromEnvironment(env);
  if (Object.keys(providers).length > 0) overrides.oidcProviders = providers;
  for (const [name, field] of Object.entries(COUNT_VARIABLES)) {
    const value = env[name];
    if (value !== undefined && value !== '') overrides[field] = toCount(value, name);
  }
  const synchronous = (values['sqlite-synchronous'] ?? env.LTM_SQLITE_SYNCHRONOUS)?.toUpperCase();
  if (synchronous !== undefined) {
    if (!SYNCHRONOUS_MODES.includes(synchronous as SqliteSynchronous)) {
      throw new ConfigError(`sqlite synchronous must be FULL or NORMAL, got ${synchronous}`);
    }
    overrides.sqliteSynchronous = synchronous as SqliteSynchronous;
  }
  return overrides;
}

function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
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

/** The website's settings: secrets and mail come from the environment only, never from flags
 *  (flags show in process listings). */
export function websiteFromEnvironment(env: NodeJS.ProcessEnv = process.env): Partial<WebsiteConfig> {
  const overrides: { -readonly [K in keyof WebsiteConfig]?: WebsiteConfig[K] } = {};
  if (env.LTM_SMTP_URL) overrides.smtpUrl = env.LTM_SMTP_URL;
  if (env.LTM_MAIL_FROM) overrides.mailFrom = env.LTM_MAIL_FROM;
  if (env.LTM_STATS_TOKEN) overrides.statsToken = env.LTM_STATS_TOKEN;
  return overrides;
}

/** The data directory the data tools use when no --data flag is given. */
export function environmentDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LTM_DATA || undefined;
}
