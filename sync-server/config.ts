// Every tunable of the relay in one `defaults` object; callers pass overrides (env.ts for the CLI,
// tests for their scenarios). Limits are generous for people, tight for abuse. What may be set
// from outside, and how it is checked, is config-schema.ts; a new field here needs one line there.
import type { ServiceConfig } from './config-schema.ts';
import type { OidcProviderSettings } from './web/oidc/oidc-settings.ts';
import { layerFromObject, resolveSettings, type SettingLayer } from './config-layers.ts';
import { accessDefaults } from './web/access/access-config.ts';
import { websiteDefaults } from './web/website/website-config.ts';

export { ConfigError, ConfigFileError, InvalidSettingError, UnknownSettingError } from './config-errors.ts';
export { MAX_KEEP_ALIVE_MS, type ServiceConfig } from './config-schema.ts';
export { helpText, settingsTable } from './config-help.ts';

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
  /** Sync step 1s and awareness queries a connection may send, together (each costs the relay
   *  an encode of the document, or an answer with every presence state of the room). */
  readonly step1PerSecond: number;
  readonly step1Burst: number;
  /** Per-IP websocket upgrades (socket address only); over it the upgrade gets HTTP 429. */
  readonly connectionsPerSecondPerIp: number;
  readonly connectionBurstPerIp: number;
  /** Sockets one IP address may hold open at once (upgrades beyond it get HTTP 429). */
  readonly maxSocketsPerIp: number;
  /** TCP connections (HTTP and websocket) one IP address may hold open at once; beyond it new
   *  ones are dropped unanswered. Connections from a trusted proxy are not counted. */
  readonly maxConnectionsPerIp: number;
  readonly maxConnectionsPerRoom: number;
  /** One awareness state larger than this closes its socket with 4431. */
  readonly maxAwarenessStateBytes: number;
  /** All awareness states of one room together; beyond it new or grown states are dropped. */
  readonly maxAwarenessBytesPerRoom: number;
  /** Messages a room holds while it loads or commits; more closes the sender with 4503. */
  readonly maxQueuedMessagesPerRoom: number;
  readonly maxQueuedBytesPerRoom: number;
  /** An HTTP upgrade request must be complete (with its token), and the gate decide on it, within this time. */
  readonly authDeadlineMs: number;
  /** A socket whose unsent bytes exceed this when the relay sends to it is closed with 4508. */
  readonly sendBufferBytes: number;
  readonly roomUnloadGraceMs: number;
  readonly compactAfterRows: number;
  readonly compactAfterBytes: number;
  /** A document stored this large takes no write that adds content (4409), and an eighth above it
   *  no new struct; deletions always pass (rooms/stored-log.ts). */
  readonly maxDocumentBytes: number;
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
  /** PostgreSQL shared by several relays (documents, access, signing secret); null: SQLite in dataDir. */
  readonly databaseUrl: string | null;
  /** The relay's public base URL (https://relay.example); share links are absolute when set. */
  readonly publicUrl: string | null;
  /** When set, /metrics answers only `Authorization: Bearer <this>`; null: anyone who reaches it. */
  readonly metricsToken: string | null;
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
  // Its websockets plus its browsers' short-lived HTTP connections (keep-alive ends after 5 s).
  maxConnectionsPerIp: 512,
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
  // The large meeting of the benchmarks (40 items, 20,000 note characters, 1,000 clock events) is
  // 132 KiB: 16 MiB is over a hundred times that, and bounds what one editor can make the disk hold.
  maxDocumentBytes: 16 * MiB,
  keepAliveMs: 15_000,
  closeGraceMs: 5_000,
  deadPeerTimeoutMs: 45_000,
  viewerAwareness: false,
  failureLogIntervalMs: 60_000,
  maxApiBodyBytes: 64 * 1024,
  readinessProbeIntervalMs: 1_000,
  sqliteSynchronous: 'NORMAL',
  databaseUrl: null,
  publicUrl: null,
  metricsToken: null,
  trustedProxies: [],
  tlsCertFile: null,
  tlsKeyFile: null,
  oidcProviders: {},
  allowInsecureOidc: false,
  extensionIds: [],
};

export function serviceDefaults(): ServiceConfig {
  return { relay: defaults, access: accessDefaults, website: websiteDefaults };
}

/** The defaults overlaid by each layer in turn (later layers win), validated by the schema. */
export function resolveServiceConfig(layers: readonly SettingLayer[] = []): ServiceConfig {
  return resolveSettings(serviceDefaults(), layers);
}

/** The relay's part alone, for code and tests that build a relay without the web around it. */
export function resolveConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  return resolveServiceConfig([layerFromObject({ relay: overrides }, 'overrides')]).relay;
}
