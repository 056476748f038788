// A real relay serving the website, for the website suites: 127.0.0.1 port 0, SQLite in a fresh
// temp dir, real access control and document store (so the schema is the production one), the
// outbox mailer. A relay can be stopped and another started on the same data directory (a
// restart), and given a clock (retention). Also small HTTP helpers that act like a browser posting the site's own forms.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { resolveConfig } from '../../../../sync-server/config.ts';
import { startRelayService } from '../../../../sync-server/relay-service.ts';
import type { SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { CSRF_COOKIE } from '../../../../sync-server/web/website/csrf.ts';
import { websiteDefaults, type WebsiteConfig } from '../../../../sync-server/web/website/website-config.ts';
import type { Website } from '../../../../sync-server/web/website/website.ts';

export interface WebsiteRelay {
  readonly url: string;
  readonly dataDir: string;
  readonly db: SqliteDatabase;
  readonly website: Website;
  outbox(): OutboxMail[];
  /** Stops the relay and closes the database, keeping the data directory. */
  stop(): Promise<void>;
  /** Stops and deletes the data directory. */
  close(): Promise<void>;
}

export interface WebsiteRelayOptions {
  /** Start on this data directory (a restart, or one the relay creates itself) instead of a fresh one. */
  readonly dataDir?: string;
  readonly now?: () => number;
  /** Default: silent. */
  readonly logger?: Logger;
}

export interface OutboxMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers: Record<string, string>;
}

export async function startWebsiteRelay(overrides: Partial<WebsiteConfig> = {}, options: WebsiteRelayOptions = {}): Promise<WebsiteRelay> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ltm-website-'));
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
  const logger = options.logger ?? pino({ level: 'silent' });
  const service = await startRelayService(config, {
    logger,
    website: { extensionZipPath: join(dataDir, 'no-zip-here.zip'), ...overrides },
    ...(options.now ? { now: options.now } : {}),
  });
  const { relay, website } = service;
  const db = service.db!;
  // The service starts sending queued mail itself; waiting for it makes a restart's delivery
  // visible to the test as soon as the relay is back.
  await website.sendDueMail();
  const stop = (): Promise<void> => service.close();
  return {
    url: relay.httpUrl,
    dataDir,
    db,
    website,
    outbox: () => readOutboxFile(dataDir),
    stop,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The mails the outbox mailer wrote to the data directory, oldest first. */
export function readOutboxFile(dataDir: string): OutboxMail[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, websiteDefaults.outboxFileName), 'utf8');
  } catch {
    return [];
  }
  return text.trim().split('\n').map((line) => JSON.parse(line) as OutboxMail);
}

export interface FormSession {
  readonly cookie: string;
  readonly token: string;
}

/** GETs a page as a browser would and takes its CSRF cookie and hidden field. */
export async function openForm(url: string): Promise<FormSession> {
  const res = await fetch(url);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = new RegExp(`${CSRF_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
  const token = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  if (!cookie || !token) throw new Error(`no CSRF cookie or field on ${url}`);
  return { cookie, token };
}

export interface PostOptions {
  readonly cookie?: string | null;
  readonly origin?: string | null;
  readonly headers?: Record<string, string>;
}

/** POSTs a urlencoded form; by default as the site's own page would (same Origin, CSRF cookie). */
export function postForm(base: string, path: string, fields: Record<string, string>, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  const origin = options.origin === undefined ? new URL(base).origin : options.origin;
  if (origin !== null) headers.origin = origin;
  if (options.cookie) headers.cookie = `${CSRF_COOKIE}=${options.cookie}`;
  return fetch(new URL(path, base), { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' });
}

export function countRows(db: SqliteDatabase, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
