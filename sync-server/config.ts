// Every tunable of the relay in one `defaults` object; callers pass overrides (env.ts for the CLI,
// tests for their scenarios). Limits are generous for people, tight for abuse.
import { EXTENSION_ID } from './web/oidc/redirect-allow-list.ts';
import { OidcSettingsError, resolveOidcProviders, type OidcProviderSettings } from './web/oidc/oidc-settings.ts';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: string;
  /** Largest websocket message accepted; a bigger one closes the socket with 4413. */
  readonly maxMessageBytes: number;
  /** Per-connection token buckets: sustained rate and burst, for messages and for bytes. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly bytesPerSecond: number;
  readonly byteBurst: number;
  /** Sync step 1s a connection may send (each costs the relay an encode of the document). */
  readonly step1PerSecond: number;
  readonly step1Burst: number;
  /** Per-IP websocket upgrades (socket address only); over it the upgrade gets HTTP 429. */
  readonly connectionsPerSecondPerIp: number;
  readonly connectionBurstPerIp: number;
  /** Sockets one IP address may hold open at once (upgrades beyond it get HTTP 429). */
  readonly maxSocketsPerIp: number;
  readonly maxConnectionsPerRoom: number;
  /** One awareness state larger than this closes its socket with 4431. */
  readonly maxAwarenessStateBytes: number;
  /** All awareness states of one room together; beyond it new or grown states are dropped. */
  readonly maxAwarenessBytesPerRoom: number;
  /** Messages a room holds while it loads or commits; more closes the sender with 4503. */
  readonly maxQueuedMessagesPerRoom: number;
  readonly maxQueuedBytesPerRoom: number;
  /** An HTTP upgrade request must be complete (with its token) within this time. */
  readonly authDeadlineMs: number;
  /** A socket whose unsent bytes exceed this when the relay sends to it is closed with 4508. */
  readonly sendBufferBytes: number;
  readonly roomUnloadGraceMs: number;
  readonly compactAfterRows: number;
  readonly compactAfterBytes: number;
  /** Every connection hears something at least every 1.5 x this (stock clients give up at 30 s). */
  readonly keepAliveMs: number;
  /** A socket the relay closed whose peer has not answered the close frame within this is cut. */
  readonly closeGraceMs: number;
  /** A socket that answered no ping for this long is a dead peer and is terminated. */
  readonly deadPeerTimeoutMs: number;
  readonly viewerAwareness: boolean;
  /** A failure that repeats (full disk: every commit, every reconnect) is logged once per this. */
  readonly failureLogIntervalMs: number;
  readonly maxApiBodyBytes: number;
  /** /readyz and /metrics answer from the last commit or probe if it is this recent; else the
   *  store is probed with a commit (so a flood of /readyz costs at most one commit per interval). */
  readonly readinessProbeIntervalMs: number;
  /** NORMAL survives kill -9; FULL also survives power loss, at an fsync per group commit. */
  readonly sqliteSynchronous: SqliteSynchronous;
  /** The relay's public base URL (https://relay.example); share links are absolute when set. */
  readonly publicUrl: string | null;
  /** Reverse proxies whose X-Forwarded-For is believed (per-IP limits); empty: the socket peer only. */
  readonly trustedProxies: readonly string[];
  /** PEM certificate (full chain) and private key: both set, the relay serves HTTPS and WSS. */
  readonly tlsCertFile: string | null;
  readonly tlsKeyFile: string | null;
  /** OpenID providers by name (`google` is a preset); the redirect URI to register at each is
   *  <publicUrl>/auth/<name>/callback. */
  readonly oidcProviders: Readonly<Record<string, OidcProviderSettings>>;
  /** Lets an http:// issuer through, for local testing only (a warning is logged). */
  readonly allowInsecureOidc: boolean;
  /** Extensions whose https://<id>.chromiumapp.org/ redirects may receive sign-in codes. */
  readonly extensionIds: readonly string[];
}

const MiB = 1024 * 1024;
/** A socket may hear nothing for 1.5 x keepAliveMs: 27 s at most, under stock clients' 30 s. */
export const MAX_KEEP_ALIVE_MS = 18_000;

export const defaults: RelayConfig = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: './data',
  logLevel: 'info',
  maxMessageBytes: 2 * MiB,
  messagesPerSecond: 100,
  messageBurst: 300,
  bytesPerSecond: 1 * MiB,
  byteBurst: 4 * MiB,
  step1PerSecond: 0.5,
  step1Burst: 8,
  connectionsPerSecondPerIp: 20,
  connectionBurstPerIp: 100,
  // An office behind one NAT address: a few dozen people with two or three documents open each.
  maxSocketsPerIp: 128,
  maxConnectionsPerRoom: 200,
  // A state is a name, a colour and a cursor (well under 1 KiB); a full room of them fits easily.
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessBytesPerRoom: 1 * MiB,
  maxQueuedMessagesPerRoom: 2000,
  maxQueuedBytesPerRoom: 32 * MiB,
  authDeadlineMs: 10_000,
  sendBufferBytes: 4 * MiB,
  roomUnloadGraceMs: 30_000,
  compactAfterRows: 500,
  compactAfterBytes: 1 * MiB,
  keepAliveMs: 15_000,
  closeGraceMs: 5_000,
  deadPeerTimeoutMs: 45_000,
  viewerAwareness: false,
  failureLogIntervalMs: 60_000,
  maxApiBodyBytes: 64 * 1024,
  readinessProbeIntervalMs: 1_000,
  sqliteSynchronous: 'NORMAL',
  publicUrl: null,
  trustedProxies: [],
  tlsCertFile: null,
  tlsKeyFile: null,
  oidcProviders: {},
  allowInsecureOidc: false,
  extensionIds: [],
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function resolveConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  const config: RelayConfig = { ...defaults, ...overrides };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ConfigError(`port must be 0..65535, got ${config.port}`);
  }
  // A maximal message must always fit in a full byte bucket, or it could never be accepted.
  if (config.byteBurst < config.maxMessageBytes) {
    throw new ConfigError('byteBurst must be at least maxMessageBytes');
  }
  if (config.maxQueuedBytesPerRoom < config.maxMessageBytes) {
    throw new ConfigError('maxQueuedBytesPerRoom must be at least maxMessageBytes');
  }
  if (config.maxAwarenessBytesPerRoom < config.maxAwarenessStateBytes) {
    throw new ConfigError('maxAwarenessBytesPerRoom must be at least maxAwarenessStateBytes');
  }
  if (config.keepAliveMs <= 0 || config.keepAliveMs > MAX_KEEP_ALIVE_MS) {
    throw new ConfigError(`keepAliveMs must be in (0, ${MAX_KEEP_ALIVE_MS}] so stock clients never time out`);
  }
  if (config.publicUrl !== null && !isHttpUrl(config.publicUrl)) {
    throw new ConfigError(`publicUrl must be an absolute http(s) URL, got ${config.publicUrl}`);
  }
  if ((config.tlsCertFile === null) !== (config.tlsKeyFile === null)) {
    const [given, missing] = config.tlsCertFile === null ? ['key', 'certificate'] : ['certificate', 'key'];
    throw new ConfigError(
      `TLS needs both a certificate and a key: the ${given} file was given but no ${missing} file ` +
        '(set both --tls-cert and --tls-key, or LTM_TLS_CERT and LTM_TLS_KEY, or neither)',
    );
  }
  const badId = config.extensionIds.find((id) => !EXTENSION_ID.test(id));
  if (badId !== undefined) throw new ConfigError(`extension ids are 32 letters a to p, got ${badId}`);
  try {
    resolveOidcProviders(config.oidcProviders, config.allowInsecureOidc);
  } catch (error) {
    if (error instanceof OidcSettingsError) throw new ConfigError(error.message);
    throw error;
  }
  return config;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

/** `ltm-relay --help`. A minimal list of today's flags and variables until the schema generates it. */
export function helpText(): string {
  return [
    'Usage: ltm-relay [flags]                       serve (default)',
    '       ltm-relay backup --data <dir> --out <dir2>   copy a (live) data directory',
    '       ltm-relay check --data <dir>               schema version and integrity_check',
    '       ltm-relay --help | --version',
    '',
    'Flags (environment variable, default):',
    `  --port <n>                 LTM_PORT                 ${defaults.port}`,
    `  --host <addr>              LTM_HOST                 ${defaults.host}`,
    `  --data <dir>               LTM_DATA                 ${defaults.dataDir}`,
    `  --log-level <level>        LTM_LOG_LEVEL            ${defaults.logLevel}`,
    `  --sqlite-synchronous <m>   LTM_SQLITE_SYNCHRONOUS   ${defaults.sqliteSynchronous} (or FULL)`,
    '  --public-url <url>         LTM_PUBLIC_URL           none',
    '  --trust-proxy <ips>        LTM_TRUST_PROXY          none',
    '  --tls-cert <file>          LTM_TLS_CERT             none',
    '  --tls-key <file>           LTM_TLS_KEY              none',
    '',
    'Environment only:',
    '  LTM_SMTP_URL               smtp:// or smtps:// URL  none (mail goes to the outbox file)',
    '  LTM_MAIL_FROM              sender address           LeaveTheMeeting <no-reply@localhost>',
    '  LTM_STATS_TOKEN            token for /stats         generated into the data directory',
  ].join('\n');
}
