// Starts a real relay on 127.0.0.1 port 0 with a real SQLite file in a fresh temp dir, a log sink
// the test can read, and the TokenRoleGate. Also: stock y-websocket providers, raw ws clients and
// a bounded waitFor. Everything created here is cleaned up by `stop()`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import type { Relay } from '../../../sync-server/relay/relay.ts';
import { startRelayService } from '../../../sync-server/relay-service.ts';
import type { DocumentStore } from '../../../sync-server/relay/storage/document-store.ts';
import type { UpdateFeed } from '../../../sync-server/relay/storage/update-feed.ts';
import type { Role } from '../../../sync-server/relay/access-gate.ts';
import { encodeSyncStep1 } from '../../../sync-server/relay/protocol/messages.ts';
import { isStep2Frame } from './frames.ts';
import { TokenRoleGate } from './token-role-gate.ts';

export interface TestRelay {
  readonly relay: Relay;
  readonly gate: TokenRoleGate;
  readonly dataDir: string;
  readonly config: RelayConfig;
  readonly logs: string[];
  provider(doc: string, role: Role, ydoc?: Y.Doc): WebsocketProvider;
  raw(doc: string, token: string | null): RawClient;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RawClient {
  readonly ws: WebSocket;
  readonly received: Uint8Array[];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ltm-relay-'));
}

export function docName(kind: 'meeting' | 'library' = 'meeting'): string {
  return `${kind}/${randomBytes(16).toString('hex')}`;
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function rawClient(url: string, doc: string, token: string | null): RawClient {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${url}/${doc}${query}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, received, opened, closed };
}

/** A raw client resolved once the relay admitted it (it answered the client's sync step 1). */
export async function admittedClient(url: string, doc: string, token: string): Promise<RawClient> {
  const client = rawClient(url, doc, token);
  await client.opened;
  client.ws.send(encodeSyncStep1(new Y.Doc()));
  await waitFor(() => client.received.some(isStep2Frame), `admitted to ${doc}`);
  return client;
}

export async function startTestRelay(
  overrides: Partial<RelayConfig> = {},
  options: { store?: DocumentStore; feed?: UpdateFeed; dataDir?: string; gate?: TokenRoleGate } = {},
): Promise<TestRelay> {
  const dataDir = options.dataDir ?? makeTempDir();
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const gate = options.gate ?? new TokenRoleGate();
  let config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, ...overrides });
  // The transport under test with the test gate in place of the web's access control.
  const start = () => startRelayService(config, { gate, logger, ...(options.store ? { store: options.store } : {}), ...(options.feed ? { feed: options.feed } : {}) });
  let service = await start();
  let relay = service.relay;
  const providers = new Set<WebsocketProvider>();
  const raws = new Set<WebSocket>();

  const harness: TestRelay = {
    get relay() {
      return relay;
    },
    gate,
    dataDir,
    get config() {
      return config;
    },
    logs,
    provider(doc, role, ydoc = new Y.Doc()) {
      const provider = new WebsocketProvider(relay.url, doc, ydoc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token: TokenRoleGate.token(role, doc) },
        disableBc: true,
        maxBackoffTime: 200,
      });
      providers.add(provider);
      return provider;
    },
    raw(doc, token) {
      const client = rawClient(relay.url, doc, token);
      raws.add(client.ws);
      return client;
    },
    async restart() {
      await service.close();
      // Same port and data dir, as an operator restarting the process would.
      config = { ...config, port: relay.port };
      service = await start();
      relay = service.relay;
    },
    async stop() {
      for (const provider of providers) {
        provider.awareness.destroy();
        provider.destroy();
      }
      for (const ws of raws) ws.terminate();
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Runs `body` against a fresh test relay and always stops it. */
export async function withTestRelay(overrides: Partial<RelayConfig>, body: (harness: TestRelay) => Promise<void>): Promise<void> {
  const harness = await startTestRelay(overrides);
  try {
    await body(harness);
  } finally {
    await harness.stop();
  }
}
