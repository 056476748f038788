// Builds the relay's AccessGate: loads (or creates) the server secret, prepares the access
// tables (SQLite, or a SharedAccess on PostgreSQL that every node uses), wires the /api routes and
// the OpenID /auth routes, and fans revocations out to the transport, this node's at once and the
// other nodes' through the revocation bus. This is the only place where a refused HTTP request is logged, once, with its route
// and the client address (an OpenID refusal answered by a redirect back to the client is a
// success here; the callback logs it).
// Socket refusals are returned as decisions; the transport logs them with the code it sends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { DocumentStore } from '../../relay/storage/document-store.ts';
import type { SqlDatabase } from '../sql-database.ts';
import { accountDataRoutes } from './account-data-routes.ts';
import { accountRoutes } from './account-routes.ts';
import type { AccessConfig } from './access-config.ts';
import type { AccessContext, AccessLogger } from './access-context.ts';
import { ApiError, ApiErrorCode } from './access-errors.ts';
import type { AccessGate } from '../../relay/access-gate.ts';
import type { AccessRecords } from './access-records.ts';
import { createSqliteAccessRecords } from './sqlite-access-records.ts';
import { LOCAL_ONLY, type RevocationBus, type RevocationNotice } from './revocation-bus.ts';
import { toApiRequest, writeError, writeReply } from './api-http.ts';
import { matchRoute, type ApiRoute } from './api-router.ts';
import { AttemptLimiter } from './attempt-limiter.ts';
import { documentRoutes } from './document-routes.ts';
import { meetingDeletionRoute } from './meeting-deletion.ts';
import { LibraryErasures } from './library-erasures.ts';
import { runPendingDeletions } from './pending-deletions.ts';
import { loadOrCreateServerSecret } from './server-secret.ts';
import { OPENAPI_PATH, openApiDocument } from '../openapi/openapi-document.ts';
import { authorizeSocket } from './socket-authorizer.ts';
import { createTokenCodec } from './token-codec.ts';
import { createDeviceTokens } from './device-tokens.ts';
import { NO_OIDC, oidcRoutes, type OidcOptions } from '../oidc/oidc-routes.ts';
import { createSqliteOidcRecords } from '../oidc/oidc-records.ts';
import { createPostgresOidcRecords } from '../oidc/postgres-oidc-records.ts';
import { isStoreUnavailable } from './store-unavailable.ts';
import { ApiRoutes, anyMember } from '../../../wire/api-routes.ts';

/** Access state on a database that every relay node shares (PostgreSQL). */
export interface SharedAccess {
  readonly records: AccessRecords;
  readonly secret: Buffer;
  readonly bus: RevocationBus;
  /** The PostgreSQL pool the records use; the OpenID records share it. */
  readonly pool: pg.Pool;
}

/** Where access lives: the relay's SQLite database, or PostgreSQL shared by every node. */
export type AccessStorage = { readonly db: SqlDatabase; readonly shared?: undefined } | { readonly db?: undefined; readonly shared: SharedAccess };

export type AccessGateOptions = AccessStorage & {
  readonly dataDir: string;
  readonly store: DocumentStore;
  readonly config: AccessConfig;
  readonly logger: AccessLogger;
  readonly now?: () => number;
  /** OpenID sign-in providers and redirect allow-list; none when left out. */
  readonly oidc?: OidcOptions;
};

export function createAccessGate(options: AccessGateOptions): AccessGate {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const listeners = new Set<(key: string) => void>();
  const evictors = new Set<(docs: readonly string[]) => Promise<void> | void>();
  const recheckers = new Set<() => void>();
  const limiter = (rate: AccessConfig['signInPerIp']) => new AttemptLimiter(rate, config.limiterMaxKeys);

  const secret = options.shared?.secret ?? loadOrCreateServerSecret(options.dataDir, config.secretFileName);
  const bus = options.shared?.bus ?? LOCAL_ONLY;
  const revokeHere = (key: string) => {
    for (const listener of listeners) {
      try {
        listener(key);
      } catch (error) {
        logger.error({ err: error, key }, 'a revocation listener failed');
      }
    }
  };
  const evictHere = async (docs: readonly string[]) => {
    for (const evictor of evictors) {
      try {
        await evictor(docs);
      } catch (error) {
        logger.error({ err: error, docs }, 'evicting the rooms of deleted documents failed');
      }
    }
  };
  const publish = async (notice: RevocationNotice) => {
    try {
      await bus.publish(notice);
    } catch (error) {
      logger.error({ err: error, keys: notice.keys, documents: notice.deletingDocs.length }, 'telling the other nodes of a revocation failed');
    }
  };
  const ctx: AccessContext = {
    records: options.shared ? options.shared.records : createSqliteAccessRecords(options.db),
    codec: createTokenCodec(secret),
    devices: createDeviceTokens(secret, config.deviceTokenTtlMs),
    config,
    store: options.store,
    logger,
    limiters: {
      signInPerEmail: limiter(config.signInPerEmail),
      signInPerDevice: limiter(config.signInPerDevice),
      signInPerIp: limiter(config.signInPerIp),
      signUpPerIp: limiter(config.signUpPerIp),
      listMeetingsPerAccount: limiter(config.listMeetingsPerAccount),
      exportPerAccount: limiter(config.exportPerAccount),
      sharesPerAccount: limiter(config.sharesPerAccount),
      oidcPerIp: limiter(config.oidcPerIp),
    },
    async revoke(...keys) {
      for (const key of keys) revokeHere(key);
      if (keys.length > 0) await publish({ keys, deletingDocs: [] });
    },
    async evict(docs) {
      await publish({ keys: [], deletingDocs: docs });
      await evictHere(docs);
    },
  };
  // Another node revoked: close this node's sockets; it deleted an account or a meeting: retire
  // this node's rooms of its documents, then delete their rows again, since a commit this node had
  // queued may have written a row back after the other node's delete.
  const recheckAll = () => {
    for (const recheck of recheckers) recheck();
  };
  const stopMissed = bus.onMissed(recheckAll);
  // A notice can also be lost while every listener holds: the revoking node died between its
  // commit and its NOTIFY, or the NOTIFY failed. With other nodes, open sockets are checked
  // against the records now and then, which bounds how long such a socket stays open.
  const recheckTimer = bus !== LOCAL_ONLY && config.revocationRecheckMs > 0 ? setInterval(recheckAll, config.revocationRecheckMs) : null;
  recheckTimer?.unref();
  const stopNotices = bus.onNotice((notice) => {
    for (const key of notice.keys) revokeHere(key);
    if (notice.deletingDocs.length === 0) return;
    void evictHere(notice.deletingDocs).then(async () => {
      for (const doc of notice.deletingDocs) {
        await options.store.delete(doc).catch((error: unknown) => logger.error({ err: error, doc }, 'deleting a deleted document failed'));
      }
    });
  });

  const erasures = new LibraryErasures();
  const accounts = accountRoutes(ctx);
  const documents = documentRoutes(ctx);
  const data = accountDataRoutes(ctx);
  const routes: readonly ApiRoute[] = [
    // Before /api/sessions/*, which would otherwise take POST /api/sessions/oidc for a session id.
    ...oidcRoutes(ctx, options.shared ? createPostgresOidcRecords(options.shared.pool) : createSqliteOidcRecords(options.db), options.oidc ?? NO_OIDC),
    { path: ApiRoutes.accounts, methods: { POST: accounts.signUp } },
    { path: ApiRoutes.currentAccount, methods: { GET: accounts.currentAccount, PATCH: accounts.renameAccount, DELETE: accounts.deleteAccount } },
    { path: ApiRoutes.password, methods: { POST: accounts.changePassword } },
    { path: ApiRoutes.exportData, methods: { GET: data.exportData } },
    { path: ApiRoutes.meetings, methods: { GET: data.listMeetings } },
    { path: anyMember(ApiRoutes.meetings), methods: { DELETE: meetingDeletionRoute(ctx) } },
    { path: ApiRoutes.sessions, methods: { POST: accounts.signIn, GET: accounts.listSessions } },
    { path: anyMember(ApiRoutes.sessions), methods: { DELETE: accounts.endSession } },
    { path: ApiRoutes.tokens, methods: { POST: documents.issueToken } },
    { path: ApiRoutes.shares, methods: { POST: documents.createShare, GET: documents.listShares } },
    { path: anyMember(ApiRoutes.shares), methods: { DELETE: documents.revokeShare } },
    { path: OPENAPI_PATH, methods: { GET: () => ({ status: 200, body: openApiDocument }) } },
  ];

  ctx.records.purgeExpiredSessions(now()).catch((error: unknown) => logger.error({ err: error }, 'purging expired sessions failed'));
  // Finish deletions an earlier run could not complete; failures are logged and kept pending.
  runPendingDeletions(ctx).catch((error: unknown) => logger.error({ err: error }, 'resuming document deletions failed'));

  return {
    authorizeSocket: (doc, token, at) => authorizeSocket(ctx, doc, token, at),

    async handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
      const request = toApiRequest(req, body, now());
      try {
        const match = matchRoute(routes, request);
        if (match === null) return false;
        writeReply(res, await match.handler(match.request));
      } catch (error) {
        const apiError = error instanceof ApiError ? error : internal(logger, error, request.method, request.path);
        if (error instanceof ApiError) {
          logger.info({ method: request.method, path: request.path, ip: request.ip, status: apiError.status, code: apiError.code }, 'api request refused');
        }
        if (!res.headersSent) writeError(res, apiError);
      }
      return true;
    },

    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    onDeletingDocuments(listener) {
      evictors.add(listener);
      return () => evictors.delete(listener);
    },

    onRecheck(listener) {
      recheckers.add(listener);
      return () => recheckers.delete(listener);
    },

    watchErasures: (doc, ydoc, erased) => erasures.watch(doc, ydoc, erased),

    close() {
      if (recheckTimer) clearInterval(recheckTimer);
      stopNotices();
      stopMissed();
      recheckers.clear();
      listeners.clear();
      evictors.clear();
    },
  };
}

function internal(logger: AccessLogger, error: unknown, method: string, path: string): ApiError {
  logger.error({ err: error, method, path }, 'api request failed');
  if (isStoreUnavailable(error)) return new ApiError(503, ApiErrorCode.storeUnavailable, 'The store cannot commit now; try again later.');
  return new ApiError(500, ApiErrorCode.internal, 'The relay failed to handle this request.');
}
