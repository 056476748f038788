// Every setting of the relay, one line each: where it lives in the resolved config, its zod type
// and what it means. Environment names, flags, --help and the README table are derived from this
// list, so none of them can drift from what the relay accepts. Defaults stay in the defaults
// objects (config.ts, access-config.ts, website-config.ts); this file only says what is settable.
import { isIP } from 'node:net';
import { z } from 'zod';
import type { RelayConfig } from './config.ts';
import { LOG_LEVELS } from './logger.ts';
import { EXTENSION_ID } from './web/oidc/redirect-allow-list.ts';
import { OidcSettingsError, resolveOidcProviders } from './web/oidc/oidc-settings.ts';
import type { AccessConfig } from './web/access/access-config.ts';
import type { WebsiteConfig } from './web/website/website-config.ts';

export interface ServiceConfig {
  readonly relay: RelayConfig;
  readonly access: AccessConfig;
  readonly website: WebsiteConfig;
}

type Leaf = string | number | boolean | null | readonly unknown[];
type Paths<T, P extends string> = {
  // A record keyed by any string (the OpenID providers) is one setting, not a tree of them.
  [K in keyof T & string]: T[K] extends Leaf ? `${P}${K}` : string extends keyof T[K] ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** `relay.port`, `access.signInPerEmail.max`: a leaf of ServiceConfig. */
export type SettingPath = Paths<ServiceConfig, ''>;
type ValueAt<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T ? ValueAt<T[Head], Rest> : never
  : P extends keyof T ? T[P] : never;

export interface Setting {
  readonly path: SettingPath;
  readonly type: z.ZodType;
  readonly doc: string;
  readonly env: string;
  /** Without a flag when the value is a secret: command lines show in process listings. */
  readonly flag: string | null;
  /** Never shown in a refusal (a secret, or a URL that may carry a password). */
  readonly redact: boolean;
}

interface Names {
  readonly env?: string;
  readonly flag?: string;
  readonly secret?: boolean;
  /** Has a flag, but its value may carry a password, so refusals never show it. */
  readonly redact?: boolean;
}

/** A scraper's secret, not a password someone types: short ones are guessed, and it must fit an
 *  Authorization header as one bearer token. */
const MIN_METRICS_TOKEN_LENGTH = 16;
const METRICS_TOKEN = new RegExp(`^[\\x21-\\x7e]{${MIN_METRICS_TOKEN_LENGTH},}$`);

/** A socket may hear nothing for 1.5 x keepAliveMs: 27 s at most, under stock clients' 30 s. */
export const MAX_KEEP_ALIVE_MS = 18_000;

const words = (path: string): string[] => {
  const [section = '', ...rest] = path.split('.');
  const parts = section === 'relay' ? rest : [section, ...rest];
  return parts.flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' '));
};

function setting<P extends SettingPath>(path: P, type: z.ZodType<ValueAt<ServiceConfig, P>>, doc: string, names: Names = {}): Setting {
  const env = names.env ?? `LTM_${words(path).join('_').toUpperCase()}`;
  const flag = names.secret ? null : (names.flag ?? words(path).join('-'));
  return { path, type, doc, env, flag, redact: names.secret === true || names.redact === true };
}

const count = (min = 1) => z.number().int().min(min);
const positive = () => z.number().positive();
const ms = () => count(1);
const httpUrl = z.url({ protocol: /^https?$/ });
const ipAddress = z.string().refine((value) => isIP(value) !== 0, 'must be an IP address');
const file = z.string().min(1).nullable();

export const SETTINGS: readonly Setting[] = [
  setting('relay.port', count(0).max(65_535), 'TCP port; 0 picks a free one (the first log line names it)'),
  setting('relay.host', z.string().min(1), 'interface to listen on'),
  setting('relay.dataDir', z.string().min(1), 'data directory (SQLite database, secrets, outbox)', { env: 'LTM_DATA', flag: 'data' }),
  setting('relay.logLevel', z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), `log level: ${LOG_LEVELS.join(', ')}`),
  setting(
    'relay.databaseUrl',
    z.url({ protocol: /^postgres(ql)?$/, error: 'must look like postgres://user@host:5432/database' }).nullable(),
    'PostgreSQL (15+) shared by every relay on it: documents, accounts, sessions, shares, signing secret; unset: SQLite in the data directory',
    { redact: true },
  ),
  setting('relay.publicUrl', httpUrl.nullable(), 'public base URL (https://relay.example): absolute share links, mail links, Origin check'),
  setting(
    'relay.metricsToken',
    z.string().regex(METRICS_TOKEN, `must be at least ${MIN_METRICS_TOKEN_LENGTH} printable ASCII characters, without spaces`).nullable(),
    '/metrics answers only Authorization: Bearer <this>; unset: anyone who can reach the relay (a warning is logged unless it listens on loopback)',
    { secret: true },
  ),
  setting('relay.tlsCertFile', file, 'PEM certificate chain; with the key the relay serves HTTPS and WSS', { env: 'LTM_TLS_CERT', flag: 'tls-cert' }),
  setting('relay.tlsKeyFile', file, 'PEM private key for the certificate', { env: 'LTM_TLS_KEY', flag: 'tls-key' }),
  setting('relay.trustedProxies', z.array(ipAddress), 'proxies whose X-Forwarded-For is believed, comma-separated', { env: 'LTM_TRUST_PROXY', flag: 'trust-proxy' }),
  setting('relay.extensionIds', z.array(z.string().regex(EXTENSION_ID, 'extension ids are 32 letters a to p')), 'extension ids allowed as OpenID sign-in redirects (https://<id>.chromiumapp.org/), comma-separated', { env: 'LTM_EXTENSION_IDS', flag: 'extension-id' }),
  setting(
    'relay.oidcProviders',
    z.record(z.string(), z.object({ issuer: z.string().optional(), clientId: z.string(), clientSecret: z.string(), label: z.string().optional() })),
    'OpenID providers by name: issuer (preset for google), client id, client secret, button label; in the file as {"google": {...}}',
    { env: 'LTM_OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL', secret: true },
  ),
  setting('relay.allowInsecureOidc', z.boolean(), 'allow http:// OpenID issuers: local testing only, logs a warning'),
  setting('relay.sqliteSynchronous', z.enum(['FULL', 'NORMAL']), 'NORMAL survives kill -9; FULL also power loss'),
  setting('relay.maxMessageBytes', count(), 'largest websocket message; bigger closes with 4413'),
  setting('relay.messagesPerSecond', positive(), 'messages per second per socket (sustained); over it 4529'),
  setting('relay.messageBurst', count(), 'message burst per socket'),
  setting('relay.bytesPerSecond', positive(), 'bytes per second per socket (sustained); over it 4529'),
  setting('relay.byteBurst', count(), 'byte burst per socket; at least maxMessageBytes'),
  setting('relay.step1PerSecond', positive(), 'sync step 1s per second per socket (each costs a document encode)'),
  setting('relay.step1Burst', count(), 'sync step 1 burst per socket'),
  setting('relay.connectionsPerSecondPerIp', positive(), 'websocket upgrades per second per IP; over it HTTP 429'),
  setting('relay.connectionBurstPerIp', count(), 'websocket upgrade burst per IP'),
  setting('relay.maxSocketsPerIp', count(), 'sockets one IP address may hold open at once; beyond it the upgrade gets HTTP 429'),
  setting('relay.maxConnectionsPerIp', count(), 'TCP connections (HTTP and websocket) one IP address may hold open at once; beyond it new ones are dropped (trusted proxies exempt)'),
  setting('relay.maxConnectionsPerRoom', count(), 'sockets per document; more closes with 4503'),
  setting('relay.maxAwarenessStateBytes', count(), 'one awareness (presence) state larger than this closes its socket with 4431'),
  setting('relay.maxAwarenessBytesPerRoom', count(), "all awareness states of a room together; beyond it new or grown states are dropped"),
  setting('relay.maxQueuedMessagesPerRoom', count(), 'messages a room holds while it loads or commits; more closes with 4503'),
  setting('relay.maxQueuedBytesPerRoom', count(), 'bytes a room holds while it loads or commits; at least maxMessageBytes'),
  setting('relay.authDeadlineMs', ms(), 'an upgrade request (with its token) must be complete, and the access decision on it made, within this'),
  setting('relay.sendBufferBytes', count(), 'unsent bytes per socket before it is closed with 4508'),
  setting('relay.roomUnloadGraceMs', count(0), 'a room stays loaded this long after its last socket leaves'),
  setting('relay.compactAfterRows', count(), 'a room log longer than this is compacted into one snapshot'),
  setting('relay.compactAfterBytes', count(), 'a room log larger than this is compacted into one snapshot'),
  setting('relay.maxDocumentBytes', count(), 'a document stored this large takes no write that adds content (closed with 4409), and an eighth above it no new struct; deletions always pass. At least maxMessageBytes'),
  setting('relay.keepAliveMs', ms().max(MAX_KEEP_ALIVE_MS), `ping and keep-alive interval (at most ${MAX_KEEP_ALIVE_MS} ms: stock clients give up after 30 s)`),
  setting('relay.deadPeerTimeoutMs', ms(), 'a socket that answered no ping for this long is terminated'),
  setting('relay.closeGraceMs', ms(), 'a socket the relay closed is cut if its peer has not answered the close within this'),
  setting('relay.failureLogIntervalMs', count(0), 'a repeating failure (full disk: every commit) is logged once per this'),
  setting('relay.viewerAwareness', z.boolean(), "broadcast viewers' awareness (cursors, names)"),
  setting('relay.maxApiBodyBytes', count(), 'largest /api request body; bigger gets 413'),
  setting('relay.readinessProbeIntervalMs', count(0), '/readyz probes the store with a commit when none happened this recently (0: every time)'),
  setting('access.accountTokenTtlMs', ms(), 'lifetime of a document token obtained with a session'),
  setting('access.shareTokenTtlMs', ms(), 'lifetime of a share link (revocation ends it sooner)'),
  setting('access.sessionTtlMs', ms(), 'lifetime of a sign-in session'),
  setting('access.deviceTokenTtlMs', ms(), "how long a device token keeps its device out of the email's shared sign-in limit"),
  setting('access.maxBodyBytes', count(), 'largest JSON body an /api route reads'),
  setting('access.passwordMinLength', count(), 'shortest accepted password (characters)'),
  setting('access.passwordMaxLength', count(), 'longest accepted password (characters)'),
  setting('access.passwordMinScore', count(0).max(4), 'lowest zxcvbn score (0-4) a new password may have'),
  setting('access.nameMaxLength', count(), 'longest display name (characters)'),
  setting('access.scrypt.cost', count(2), 'scrypt N for new password hashes (a power of two)'),
  setting('access.scrypt.blockSize', count(), 'scrypt r for new password hashes'),
  setting('access.scrypt.parallelization', count(), 'scrypt p for new password hashes'),
  setting('access.signInPerEmail.max', count(), 'sign-in attempts per email per window from devices without its device token'),
  setting('access.signInPerEmail.windowMs', ms(), 'window of the per-email sign-in limit'),
  setting('access.signInPerDevice.max', count(), 'sign-ins per device token, and password checks per session (password change, deleting the account, connecting or removing a sign-in), per window'),
  setting('access.signInPerDevice.windowMs', ms(), 'window of the per-device sign-in limit'),
  setting('access.signInPerIp.max', count(), 'sign-in attempts per IP per window'),
  setting('access.signInPerIp.windowMs', ms(), 'window of the per-IP sign-in limit'),
  setting('access.signUpPerIp.max', count(), 'accounts created per IP per window'),
  setting('access.signUpPerIp.windowMs', ms(), 'window of the per-IP account limit'),
  setting('access.listMeetingsPerAccount.max', count(), 'meeting lists per account per window'),
  setting('access.listMeetingsPerAccount.windowMs', ms(), 'window of the meeting-list limit'),
  setting('access.exportPerAccount.max', count(), 'data exports per account per window'),
  setting('access.exportPerAccount.windowMs', ms(), 'window of the export limit'),
  setting('access.sharesPerAccount.max', count(), 'share links one account may create per window; beyond it 429'),
  setting('access.sharesPerAccount.windowMs', ms(), 'window of the share-link limit'),
  setting('access.oidcCodeTtlMs', ms(), 'lifetime of the one-time code an OpenID sign-in hands its client'),
  setting('access.oidcFlowTtlMs', ms(), 'how long an OpenID sign-in may take between start and callback'),
  setting('access.revocationRecheckMs', count(0), 'with several nodes: how often open sockets are authorized again, for revocations whose notice was lost (0: off)'),
  setting('access.oidcPerIp.max', count(), 'OpenID sign-in starts and code exchanges per IP per window'),
  setting('access.oidcPerIp.windowMs', ms(), 'window of the OpenID limit'),
  setting('access.maxMeetingsPerAccount', count(), 'meetings one account may own'),
  setting('access.limiterMaxKeys', count(), 'rate-limit keys remembered per access limit (bounds memory)'),
  setting('website.smtpUrl', z.url({ protocol: /^smtps?$/, error: 'must look like smtp://user:password@host:587 or smtps://…' }).nullable(), 'SMTP URL (smtp://user:pass@host:587); unset: mail goes to the outbox file', { env: 'LTM_SMTP_URL', secret: true }),
  setting('website.mailFrom', z.string().min(3), 'sender of confirmation mails', { env: 'LTM_MAIL_FROM' }),
  setting('website.statsToken', z.string().min(16).nullable(), 'token of the /stats page; unset: read from or created in the data directory', { env: 'LTM_STATS_TOKEN', secret: true }),
  setting('website.signUpPerIp.max', count(), 'mailing-list sign-ups per IP per window'),
  setting('website.signUpPerIp.windowMs', ms(), 'window of the mailing-list sign-up limit'),
  setting('website.eventsPerIp.max', count(), 'usage events per IP per window'),
  setting('website.eventsPerIp.windowMs', ms(), 'window of the usage-event limit'),
  setting('website.statsSignInPerIp.max', count(), 'stats sign-in attempts per IP per window'),
  setting('website.statsSignInPerIp.windowMs', ms(), 'window of the stats sign-in limit'),
  setting('website.limiterMaxKeys', count(), 'rate-limit keys remembered per website limit (bounds memory)'),
  setting('website.maxFormBytes', count(), 'largest form body the website reads'),
  setting('website.statsCookieTtlMs', ms(), 'lifetime of the stats page cookie'),
  setting('website.statsDays', count(), 'days shown on the stats page'),
  setting('website.mailRetry.firstDelayMs', ms(), 'delay before the first retry of a failed sign-up mail (doubles after each)'),
  setting('website.mailRetry.maxDelayMs', ms(), 'longest delay between retries of a sign-up mail'),
  setting('website.mailRetry.maxAttempts', count(), 'attempts before a sign-up mail is given up and its address deleted'),
  setting('website.mailFirstAttemptWaitMs', count(0), "how long a sign-up waits for its mail's first attempt before answering"),
  setting('website.signUpRetentionMs', ms(), 'a sign-up address is deleted this long after it was given'),
  setting('website.retentionSweepMs', ms(), 'how often expired sign-up addresses are deleted; below signUpRetentionMs'),
];

/** Leaves of the defaults objects that are not settings, and why. */
export const FIXED: Readonly<Record<string, string>> = {
  'access.publicUrl': 'follows relay.publicUrl',
  'website.publicUrl': 'follows relay.publicUrl',
  'access.scrypt.keyLength': 'part of the stored hash format',
  'access.scrypt.saltLength': 'part of the stored hash format',
  'access.secretFileName': 'a file of the data directory',
  'website.statsTokenFileName': 'a file of the data directory',
  'website.outboxFileName': 'a file of the data directory',
  'website.extensionZipPath': 'the build output (npm run build)',
};

/** Rules that tie settings together; each names the setting an operator should change. */
export function crossChecks(config: ServiceConfig, ctx: z.RefinementCtx): void {
  const { relay, access, website } = config;
  const issue = (path: SettingPath, message: string) => ctx.addIssue({ code: 'custom', path: path.split('.'), message });
  // A maximal message must always fit in a full byte bucket, or it could never be accepted.
  if (relay.byteBurst < relay.maxMessageBytes) issue('relay.byteBurst', 'must be at least relay.maxMessageBytes');
  if (relay.maxQueuedBytesPerRoom < relay.maxMessageBytes) issue('relay.maxQueuedBytesPerRoom', 'must be at least relay.maxMessageBytes');
  if (relay.maxDocumentBytes < relay.maxMessageBytes) issue('relay.maxDocumentBytes', 'must be at least relay.maxMessageBytes');
  if (relay.maxConnectionsPerIp < relay.maxSocketsPerIp) issue('relay.maxConnectionsPerIp', 'must be at least relay.maxSocketsPerIp');
  if (relay.maxAwarenessBytesPerRoom < relay.maxAwarenessStateBytes) issue('relay.maxAwarenessBytesPerRoom', 'must be at least relay.maxAwarenessStateBytes');
  if ((relay.tlsCertFile === null) !== (relay.tlsKeyFile === null)) {
    const [given, missing] = relay.tlsCertFile === null ? ['key', 'certificate'] : ['certificate', 'key'];
    issue(
      missing === 'key' ? 'relay.tlsKeyFile' : 'relay.tlsCertFile',
      `TLS needs both a certificate and a key: the ${given} file was given but no ${missing} file ` +
        '(set both --tls-cert and --tls-key, or LTM_TLS_CERT and LTM_TLS_KEY, or neither)',
    );
  }
  try {
    resolveOidcProviders(relay.oidcProviders, relay.allowInsecureOidc);
  } catch (error) {
    if (!(error instanceof OidcSettingsError)) throw error;
    ctx.addIssue({ code: 'custom', path: ['relay', 'oidcProviders'], message: error.message });
  }
  if (access.passwordMinLength > access.passwordMaxLength) issue('access.passwordMinLength', 'must not exceed access.passwordMaxLength');
  // The website checks these too (createWebsite); here they are refused naming the setting.
  if (website.mailRetry.firstDelayMs > website.mailRetry.maxDelayMs) issue('website.mailRetry.maxDelayMs', 'must be at least website.mailRetry.firstDelayMs');
  if (website.retentionSweepMs >= website.signUpRetentionMs) issue('website.retentionSweepMs', 'must be below website.signUpRetentionMs');
  // Links in real mail must never follow a request header, so SMTP needs the public URL.
  if (website.smtpUrl !== null && relay.publicUrl === null) issue('relay.publicUrl', 'must be set when website.smtpUrl is (links in mail point at it)');
}
