// A real access gate for tests: a migrated SQLite file in a fresh temp directory, the SQLite document
// store, and a plain node:http server on 127.0.0.1:0 that hands /api requests to the gate; and the
// API calls suites make again and again (sign-up, document tokens).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../../sync-server/logger.ts';
import type { OidcOptions } from '../../../../sync-server/web/oidc/oidc-routes.ts';
import { checkResponse } from '../../helpers/openapi-contract.ts';
import { accessDefaults, type AccessConfig } from '../../../../sync-server/web/access/access-config.ts';
import type { AccessGate } from '../../../../sync-server/relay/access-gate.ts';
import { createAccessGate } from '../../../../sync-server/web/access/create-access-gate.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import { MIGRATIONS } from '../../../../sync-server/data/migrations.ts';
import { applyMigrations, planMigrations } from '../../../../sync-server/data/schema-migrations.ts';

/** Cheap scrypt so suites stay quick; the production cost is covered by the default config. */
export const testConfig: AccessConfig = {
  ...accessDefaults,
  scrypt: { ...accessDefaults.scrypt, cost: 1024 },
  signUpPerIp: { max: 1000, windowMs: 60_000 },
};

export interface ApiResult {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
}

export type ApiCall = (method: string, path: string, body?: unknown, session?: string) => Promise<ApiResult>;

/** Real HTTP requests (fetch) to a base URL; a string body is sent verbatim, anything else as JSON.
 *  Every response is checked against the relay's OpenAPI document (a mismatch fails the test). */
export function apiClient(base: string): ApiCall {
  return async (method, path, body, session) => {
    const headers: Record<string, string> = {};
    if (session !== undefined) headers.authorization = `Bearer ${session}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(base + path, { method, headers, body: payload });
    const contentType = response.headers.get('content-type');
    const json = contentType?.startsWith('application/json') ? await response.json() : await response.text();
    checkResponse(method, path, response.status, contentType, json === '' ? null : json);
    return { status: response.status, headers: response.headers, json: json === '' ? null : json };
  };
}

export interface AccessHarness {
  readonly dir: string;
  /** http://127.0.0.1:<port>, for requests that are not JSON (downloads). */
  readonly base: string;
  readonly db: SqliteDatabase;
  readonly store: SqliteDocumentStore;
  readonly gate: AccessGate;
  readonly revoked: string[];
  readonly api: ApiCall;
  /** Every line the gate logged. */
  readonly logs: string[];
  /** Starts another gate on the same data directory and database, as a restart would. */
  reopenGate(): AccessGate;
  close(): Promise<void>;
}

export async function startAccessHarness(config: Partial<AccessConfig> = {}, oidc?: OidcOptions): Promise<AccessHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'ltm-access-'));
  const db = openDatabase(databasePath(dir));
  // The schema the relay serves with: every migration applied, as openRelayDatabase does.
  applyMigrations(db, planMigrations(db, MIGRATIONS, databasePath(dir)));
  const store = new SqliteDocumentStore(db);
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  const gates: AccessGate[] = [];
  const makeGate = () => {
    const made = createAccessGate({ db, dataDir: dir, store, config: { ...testConfig, ...config }, logger, ...(oidc ? { oidc } : {}) });
    gates.push(made);
    return made;
  };
  const gate = makeGate();
  const revoked: string[] = [];
  gate.onRevoked((key) => revoked.push(key));
  const served = await serveGate(gate);
  const { base } = served;

  return {
    dir,
    base,
    db,
    store,
    gate,
    revoked,
    logs,
    reopenGate: makeGate,
    api: apiClient(base),
    async close() {
      await served.close();
      for (const made of gates) made.close();
      await store.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain node:http server on 127.0.0.1:0 that hands every request to the gate (404 for a route
 *  it does not know), as the relay's HTTP server does for /api. */
export async function serveGate(gate: AccessGate): Promise<{ readonly base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void gate.handleHttp(req, res, Buffer.concat(chunks)).then((handled) => {
        if (!handled) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no route"}}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An owner token for `doc` through POST /api/tokens; any other answer fails the test. */
export async function tokenFor(api: (method: string, path: string, body?: unknown, session?: string) => Promise<{ status: number; json: any }>, doc: string, session: string): Promise<string> {
  const result = await api('POST', '/api/tokens', { doc }, session);
  if (result.status !== 200) throw new Error(`token for ${doc} refused: ${result.status} ${JSON.stringify(result.json)}`);
  return result.json.token as string;
}

let counter = 0;

/** A fresh valid email and password for each call, so tests never collide. */
export function newCredentials(): { email: string; password: string; name: string } {
  counter += 1;
  return { email: `person${counter}.${process.pid}@example.org`, password: `correct horse ${counter}`, name: `Person ${counter}` };
}

export async function signUp(h: { readonly api: ApiCall }): Promise<{ accountId: string; session: string; deviceToken: string; email: string; password: string }> {
  const credentials = newCredentials();
  const result = await h.api('POST', '/api/accounts', credentials);
  if (result.status !== 201) throw new Error(`sign-up failed: ${result.status} ${JSON.stringify(result.json)}`);
  return { ...credentials, accountId: result.json.accountId, session: result.json.session, deviceToken: result.json.deviceToken };
}

/** Moves every session of the account back in time, as if it signed in `ms` earlier. */
export function ageSessions(db: SqliteDatabase, accountId: string, ms: number): void {
  db.prepare('UPDATE sessions SET created_at = created_at - ? WHERE account_id = ?').run(ms, accountId);
}

/** The password hash stored for an account, as a copy of the database would show it. */
export function storedPasswordHash(h: { readonly db: SqliteDatabase }, accountId: string): string {
  return (h.db.prepare('SELECT password_hash FROM accounts WHERE account_id = ?').get(accountId) as { password_hash: string }).password_hash;
}

/** A meeting id in the relay's id format (22 base64url characters). */
export function newMeetingId(): string {
  return randomBytes(16).toString('base64url');
}
